import { DEMO_PASSWORD } from '../../../server/seed';
import { emailOf, type TestServer } from '../../server/helpers';
import type { Chrome } from '../background/support';
import { launchExtension } from '../support/extension';
import { actingAs, Panel } from '../workflows/panel';

/**
 * A profile of its own, set to the server. A user does this on the options
 * page, whose "Opslaan" asks the browser for access to the server's origin:
 * a prompt Playwright cannot answer. So the test stores what that page
 * stores; the server's CORS admits the extension without the grant.
 * `clock`: the pages' timers run on a clock the test can stop.
 */
export async function newProfile(server: Pick<TestServer, 'url'>, options: { clock?: boolean } = {}): Promise<Panel> {
  const browser = await launchExtension();
  if (options.clock ?? true) await browser.context.clock.install();
  const page = await browser.openPanel(800, 'options.html');
  await page.evaluate((url) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ backend: { kind: 'server', url } }), server.url);
  await page.close();
  return Panel.of(browser, await browser.openPanel());
}

/** Signs in in the side panel with an e-mail address (a demo person's by id) and password. */
export async function signIn(p: Panel, server: TestServer, who: { id: string } | { email: string }, name: string, password = DEMO_PASSWORD) {
  await p.title('Aanmelden');
  await p.main.getByLabel('E-mailadres').fill('email' in who ? who.email : await emailOf(server, who.id));
  await p.main.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await p.main.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await actingAs(p.page, name);
  await p.title('Mijn lijst');
}
