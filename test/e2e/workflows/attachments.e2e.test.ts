import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, photoWithExif, SECRET } from '../../fixtures/files';
import { homeCareWritesToPractice, Panel } from './panel';

/**
 * R20 in training mode: the photo is cleaned in the browser (decoded, drawn on a canvas, encoded anew),
 * so what is stored in IndexedDB and shown keeps nothing of the camera's metadata, and stands upright.
 */
describe('R20: photos and documents in training mode', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('a pasted photo is stored without its EXIF (GPS position, serial number) and upright; a PDF goes with it; the practice sees both', async () => {
    await homeCareWritesToPractice(panel, 'Wond in training', 'Graag advies.');
    const photo = await photoWithExif();
    await panel.pasteFile('wond.jpg', 'image/jpeg', photo);
    const letter = pdf();
    await panel.attachFile(letter.name, letter.type, letter.bytes);
    await panel.main.getByRole('list', { name: 'Bijlagen bij dit bericht' }).getByText(letter.name).waitFor();
    await panel.main.getByRole('button', { name: 'Versturen' }).click();

    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.openInbox('Doktersassistentes');
    await panel.openConversation('Wond in training');
    await panel.main.getByRole('button', { name: 'Foto wond.jpg groter bekijken' }).click();
    const img = panel.page.getByRole('dialog', { name: 'wond.jpg' }).getByRole('img', { name: 'wond.jpg' });
    await img.waitFor();
    const stored = await img.evaluate(async (el: HTMLImageElement) => {
      await el.decode();
      const bytes = new Uint8Array(await (await fetch(el.src)).arrayBuffer());
      return { width: el.naturalWidth, height: el.naturalHeight, text: Array.from(bytes, (b) => String.fromCharCode(b)).join('') };
    });
    expect([stored.width, stored.height]).toEqual([800, 1200]);
    for (const secret of [SECRET.serial, SECRET.make, 'Exif\0\0', 'GPS']) expect(stored.text.includes(secret), secret).toBe(false);
    await panel.page.keyboard.press('Escape');
    await panel.main.getByRole('button', { name: /medicatieoverzicht\.pdf/ }).waitFor();
    await panel.accessible('conversation with files, training mode');
  });
});
