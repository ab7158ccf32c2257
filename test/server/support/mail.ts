import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../../demo/mail/catcher';
import type { OperationRegistry } from '../../../lib/contract/operations';
import type { ServerConfig } from '../../../server/config';
import { pgliteServer } from '../helpers';

/** A server whose mail goes, through real SMTP, to a catcher started for the test. */
export async function serverWithMail(options: { now?: () => Date; config?: Partial<ServerConfig>; refuse?: (address: string) => boolean; operations?: OperationRegistry; catcherPage?: boolean } = {}) {
  const catcher = await startMailCatcher({ refuse: options.refuse, httpPort: options.catcherPage ? 0 : undefined });
  const server = await pgliteServer({
    now: options.now, operations: options.operations,
    config: { smtpUrl: catcher.smtpUrl, mailPollMs: 50, publicUrl: 'https://netwerkzorg.example.nl', ...options.config },
  });
  return {
    server, catcher,
    async dispose() {
      await server.region.dispose();
      await catcher.close();
    },
  };
}

export type MailWorld = Awaited<ReturnType<typeof serverWithMail>>;

/** A one-time link: `?lang=en` when the mail is in English (the page then speaks it too). */
const linkPattern = (page: string) => new RegExp(`/${page}(?:\\?lang=en)?#token=([A-Za-z0-9_-]{43})`);

/** The token of the link to `page` in a mail. */
export function tokenIn(mail: CaughtMail, page: 'activate' | 'reset-password'): string {
  const m = linkPattern(page).exec(mail.text);
  if (!m) throw new Error(`no ${page} link in "${mail.subject}"`);
  return m[1]!;
}

/** Waits for the `nth` mail to `to` whose text links to `page`, and returns its token. */
export async function linkTokenFor(catcher: MailCatcher, to: string, page: 'activate' | 'reset-password', nth = 1): Promise<string> {
  const mails = await catcher.waitFor((m) => m.envelopeTo.includes(to) && linkPattern(page).test(m.text), { count: nth });
  return tokenIn(mails[nth - 1]!, page);
}
