import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/server';
import { seededPgliteDump, testConfig } from '../../contract/http-harness';
import { pdf, photoWithExif } from '../../fixtures/files';
import { eventually } from '../background/support';
import { faultProxy, type FaultProxy } from '../background/fault-proxy';
import { writesToPractice, type Panel } from '../workflows/panel';
import { newProfile, signIn } from './profiles';

/**
 * R20 in Chromium, against the reference server: a district nurse pastes a photo of a wound and attaches a
 * PDF, and sends; the GP practice's assistant sees the thumbnail, opens the photo in the panel and downloads
 * the PDF. Then the same with the server stopped while she sends: the outbox keeps the message with its
 * files and sends them, once, when the server is back. Both panels reach the server through a proxy, so
 * the server can stop and start again on another port behind the same address.
 */

// `UPDATE_SCREENSHOTS=1` writes the pictures of the composer with files and the open photo to docs/screenshots/.
const DIR = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-screens-'));

describe('R20: photos and documents in the side panel, on the server', () => {
  let dir: string;
  let server: RunningServer;
  let proxy: FaultProxy;
  let nurse: Panel;
  let assistant: Panel;
  const letter = pdf('medicatieoverzicht.pdf');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nz-attachments-'));
    server = await startServer(testConfig({ dataDir: join(dir, 'pglite') }), { loadDataDir: await seededPgliteDump() });
    proxy = await faultProxy(server.url, () => 1);
    nurse = await newProfile({ url: proxy.origin }, { clock: false });
    await signIn(nurse, server as never, { id: 'p-yilmaz' }, 'Yusuf Yilmaz');
    assistant = await newProfile({ url: proxy.origin }, { clock: false });
    await signIn(assistant, server as never, { id: 'p-jansen' }, 'Sanne Jansen');
  });
  afterAll(async () => {
    await nurse?.close();
    await assistant?.close();
    await proxy?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the nurse pastes a photo and attaches a PDF, and sends; the assistant sees the thumbnail, opens the photo and downloads the PDF', async () => {
    await writesToPractice(nurse, 'Wond linkerbeen', 'Graag uw advies over de wond.');
    await nurse.pasteFile('wond.jpg', 'image/jpeg', await photoWithExif());
    await nurse.attachFile(letter.name, letter.type, letter.bytes);
    const chosen = nurse.main.getByRole('list', { name: 'Bijlagen bij dit bericht' });
    await chosen.getByText('wond.jpg').waitFor();
    await chosen.getByText('medicatieoverzicht.pdf').waitFor();
    await nurse.accessible('composer with two files');
    await nurse.page.screenshot({ path: `${DIR}/attachments-composer.png`, fullPage: true, animations: 'disabled' });
    await nurse.main.getByLabel('Bericht', { exact: true }).fill('Foto van vandaag en het overzicht.');
    await nurse.main.getByRole('button', { name: 'Versturen' }).click();
    const sent = nurse.messages().filter({ hasText: 'Foto van vandaag en het overzicht.' }).and(nurse.main.locator('li:not(.pending)'));
    await sent.getByRole('button', { name: 'Foto wond.jpg groter bekijken' }).locator('img').waitFor();

    await assistant.openInbox('Doktersassistentes');
    await assistant.openConversation('Wond linkerbeen');
    const message = assistant.messages().filter({ hasText: 'Foto van vandaag en het overzicht.' });
    const thumb = message.getByRole('button', { name: 'Foto wond.jpg groter bekijken' });
    await thumb.locator('img').waitFor();
    // Upright: the phone's 1200 × 800 pixels, turned by their EXIF orientation, are 800 wide and 1200 high.
    expect(await thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth)).toBe(true);
    await thumb.click();
    const viewer = assistant.page.getByRole('dialog', { name: 'wond.jpg' });
    await viewer.getByRole('img', { name: 'wond.jpg' }).waitFor();
    expect(await viewer.getByRole('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([800, 1200]);
    await assistant.accessible('photo opened larger');
    await assistant.page.screenshot({ path: `${DIR}/attachments-photo.png`, animations: 'disabled' });
    await assistant.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    await expect.poll(() => thumb.evaluate((b) => document.activeElement === b)).toBe(true);

    const [download] = await Promise.all([
      assistant.page.waitForEvent('download'),
      message.getByRole('button', { name: /medicatieoverzicht\.pdf/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('medicatieoverzicht.pdf');
    expect(readFileSync((await download.path())!)).toEqual(Buffer.from(letter.bytes));
    await assistant.accessible('conversation with a photo and a document');
    await assistant.page.screenshot({ path: `${DIR}/attachments-conversation.png`, fullPage: true, animations: 'disabled' });
  });

  it('with the server stopped during the send, the message waits with its files and is sent once when the server is back', async () => {
    await server.close();
    await nurse.pasteFile('wond-dag-2.jpg', 'image/jpeg', await photoWithExif(900, 600));
    await nurse.main.getByLabel('Bericht', { exact: true }).fill('Dag twee: de roodheid neemt af.');
    await nurse.main.getByRole('button', { name: 'Versturen' }).click();
    const waiting = nurse.messages().filter({ hasText: 'Dag twee: de roodheid neemt af.' });
    await waiting.getByText('Nog niet verstuurd').waitFor({ timeout: 20_000 });

    server = await startServer(testConfig({ dataDir: join(dir, 'pglite') }));
    proxy.upstream = server.url;
    await waiting.getByRole('button', { name: 'Foto wond-dag-2.jpg groter bekijken' }).locator('img').waitFor({ timeout: 60_000 });

    // Her session lives in the database: the restarted server still knows it.
    await assistant.openInbox('Doktersassistentes');
    await assistant.openConversation('Wond linkerbeen');
    const arrived = assistant.messages().filter({ hasText: 'Dag twee: de roodheid neemt af.' });
    await arrived.getByRole('button', { name: 'Foto wond-dag-2.jpg groter bekijken' }).locator('img').waitFor();
    expect(await arrived.count()).toBe(1);
    // Stored once: one message, and its one photo, in the database.
    const rows = await eventually(
      () => server.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachments WHERE doc->>'name' = 'wond-dag-2.jpg'"),
      (r) => r[0]!.n >= 1,
    );
    expect(rows[0]!.n).toBe(1);
  });
});
