import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { MailPayload } from './queue';

export interface MailTransport {
  send(payload: MailPayload, messageId: string): Promise<void>;
  close(): void;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const isLoopback = (host: string) => LOOPBACK.has(host) || (isIP(host) === 4 && host.startsWith('127.'));

/**
 * The SMTP relay of NZ_SMTP_URL (`smtp://user:pass@relay:587`, or `smtps://…:465`).
 * Plain `smtp://` must upgrade with STARTTLS, except to loopback (a local catcher
 * or a relay on the same host): mail with one-time links never crosses a network
 * unencrypted.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('NZ_SMTP_URL must be smtp:// or smtps://');
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    requireTLS: !secure && !isLoopback(u.hostname),
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
  });
  return {
    async send(p, messageId) {
      await transport.sendMail({ from, to: p.to, subject: p.subject, text: p.text, html: p.html, messageId, headers: p.headers });
    },
    close: () => transport.close(),
  };
}

/** Whether the relay refused for good (a 5xx answer): trying again would only repeat it. */
export const permanentFailure = (e: unknown) => {
  const code = (e as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
};

/** What is kept of a failure: the SMTP code and kind, not the relay's text (which may quote the mail). */
export const failureSummary = (e: unknown) => {
  const { responseCode, code } = e as { responseCode?: number; code?: string };
  return [responseCode ? `SMTP ${responseCode}` : undefined, code].filter(Boolean).join(' ') || 'error';
};
