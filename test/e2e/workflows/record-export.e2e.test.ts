/**
 * "Naar dossier": a conversation copied into the client's record, in one click to the clipboard, and as
 * a PDF that is parsed back here. Then "since my last export" holds only what came after it (R15: each
 * export is in the client's access history).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareWritesToPractice, Panel } from './panel';

const subject = 'Overdracht wondzorg mevrouw Hendriks';
const first = 'De wond aan het linkerbeen is kleiner geworden.';
const second = 'Graag morgen een controle door de huisarts.';
// `UPDATE_SCREENSHOTS=1` writes the picture for the README; otherwise to a temporary folder, for a look by eye.
const SHOTS = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : mkdtempSync(join(tmpdir(), 'nz-export-'));

describe('"Naar dossier" in the side panel', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
    // The extension's origin is opaque to the permission API: granted for every origin of this test's browser.
    await panel.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await homeCareWritesToPractice(panel, subject, first);
    await panel.send(second);
  });
  afterAll(async () => {
    await panel?.close();
  });

  const exportPanel = () => panel.main.locator('details.record-export');
  const clipboard = () => panel.page.evaluate(() => navigator.clipboard.readText());

  it('R15: copies the client, the organisations, the participants and every message with author, role and time, in one click', async () => {
    await exportPanel().getByText('Naar dossier').click();
    await panel.accessible('conversation with the export to the record open');
    await exportPanel().getByRole('button', { name: 'Kopiëren' }).click();
    await panel.status(/Gekopieerd naar het klembord \(aantal berichten: 2\)/);
    const text = await clipboard();
    expect(text).toContain(`Netwerkzorg – gesprek "${subject}"`);
    expect(text).toMatch(/Cliënt: Maria Hendriks, geboren \d+ \w+ \d{4}/);
    expect(text).toMatch(/Organisaties in het netwerk: .*Huisartsenpraktijk Lombok/);
    expect(text).toContain('- Yusuf Yilmaz, Wijkverpleegkundige,');
    expect(text).toContain('Berichten (het hele gesprek):');
    const messages = text.split('\n').filter((l) => l.includes(' – Yusuf Yilmaz (Wijkverpleegkundige,'));
    expect(messages).toHaveLength(2);
    expect(text.indexOf(first)).toBeLessThan(text.indexOf(second));
    // The same text stays on screen, to select by hand where the clipboard is refused.
    expect(await exportPanel().getByLabel('Tekst voor het dossier').inputValue()).toBe(text);
    mkdirSync(SHOTS, { recursive: true });
    await exportPanel().screenshot({ path: `${SHOTS}/record-export.png`, animations: 'disabled' });
  });

  it('saves the same export as a PDF that holds the same lines', async () => {
    const copied = await clipboard();
    const [download] = await Promise.all([
      panel.page.waitForEvent('download'),
      exportPanel().getByRole('button', { name: 'Opslaan als pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^netwerkzorg-gesprek-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await getDocumentProxy(new Uint8Array(await readFile((await download.path())!)));
    const { text } = await extractText(pdf, { mergePages: true });
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const line of copied.split('\n').filter(Boolean)) expect(squash(text)).toContain(squash(line));
    // One export served both buttons: "since my last export" was not emptied by the second.
    await panel.status(/Pdf opgeslagen \(aantal berichten: 2\)/);
  });

  it('"since my last export" then holds only the message that came after it', async () => {
    const third = 'Controle gedaan, wond sluit goed.';
    await panel.send(third);
    await exportPanel().getByRole('button', { name: 'Kopiëren' }).click();
    await panel.status(/aantal berichten: 1\)/);
    const text = await clipboard();
    expect(text).toMatch(/Berichten sinds de vorige export \(.+\):/);
    expect(text).toContain(third);
    expect(text).not.toContain(first);
    // The whole conversation is still there for whoever chooses it.
    await exportPanel().getByLabel('Het hele gesprek').check();
    await exportPanel().getByRole('button', { name: 'Kopiëren' }).click();
    await panel.status(/aantal berichten: 3\)/);
    expect(await clipboard()).toContain(first);
  });
});
