import exifr from 'exifr';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef, Conversation } from '../../../lib/domain';
import { heic, htmlAsJpeg, pdf, photo, SECRET, svgWithScript } from '../../fixtures/files';
import type { ContractHarness } from '../harness';
import { aroundNow, networkOf, uid, useRegion, type Person } from './support';

const sha256 = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))].map((b) => b.toString(16).padStart(2, '0')).join('');

async function upload(p: Person, file: Parameters<Person['backend']['files']['upload']>[0]): Promise<AttachmentRef> {
  const r = await p.backend.files.upload(file, { idempotencyKey: uid('up') });
  if (!r.ok) throw new Error(`${p.id} upload refused: ${r.code}`);
  return r.value;
}

/**
 * R20 through the port: a district nurse sends a wound photo and a document to the practice's assistants;
 * who may fetch them is who may read the conversation (R8, R13), each fetch is audited (R15), and the photo
 * keeps no metadata.
 */
export function attachmentSuite(harness: ContractHarness) {
  describe('R20: photos and documents in a conversation', () => {
    const region = useRegion(harness);
    let yilmaz: Person;
    let jansen: Person;
    let conversation: Conversation;
    let wound: AttachmentRef;
    let letter: AttachmentRef;

    beforeAll(async () => {
      [yilmaz, jansen] = await region.all('p-yilmaz', 'p-jansen');
      const network = await networkOf(yilmaz);
      wound = await upload(yilmaz, await photo('wond linkerbeen.jpg'));
      letter = await upload(yilmaz, pdf());
      conversation = await yilmaz.must('startConversation', {
        networkId: network.id, subject: 'Wond', inboxIds: ['inbox-assistentes'], messageId: uid('m'), text: 'Zie de foto', attachmentIds: [wound.id, letter.id],
      });
    });

    it('R20: the message carries both files, in the order sent, with kind, size and hash; the photo is turned upright and has a thumbnail', async () => {
      const view = await jansen.must('readConversation', { conversationId: conversation.id });
      const refs = view.messages[0]!.attachments!;
      expect(refs.map((a) => [a.name, a.kind, a.type])).toEqual([['wond linkerbeen.jpg', 'photo', 'image/jpeg'], ['medicatieoverzicht.pdf', 'document', 'application/pdf']]);
      expect(refs[0]).toMatchObject({ width: 800, height: 1200 });
      const thumb = await jansen.backend.files.download(wound.id, 'thumbnail');
      expect(thumb.ok && thumb.value.type).toBe('image/jpeg');
    });

    it('R20: a participant downloads the document byte for byte, and the photo without its GPS position, serial number or any other metadata', async () => {
      const doc = await jansen.backend.files.download(letter.id);
      if (!doc.ok) throw new Error(doc.code);
      expect(doc.value.type).toBe('application/pdf');
      expect(await sha256(doc.value.bytes)).toBe(letter.sha256);
      expect(new TextDecoder().decode(doc.value.bytes)).toBe(new TextDecoder().decode(pdf().bytes));

      const got = await jansen.backend.files.download(wound.id);
      if (!got.ok) throw new Error(got.code);
      expect(await sha256(got.value.bytes)).toBe(wound.sha256);
      expect(got.value.bytes.byteLength).toBe(wound.bytes);
      expect(await exifr.parse(Buffer.from(got.value.bytes), true)).toBeUndefined();
      const text = Buffer.from(got.value.bytes).toString('latin1');
      for (const secret of [SECRET.serial, SECRET.make]) expect(text).not.toContain(secret);
    });

    it('R15: every download and thumbnail view is in the client\'s access history', async () => {
      await jansen.backend.files.download(wound.id, 'thumbnail');
      const history = await yilmaz.must('accessHistory', { clientId: conversation.clientId, ...aroundNow() });
      const actions = history.filter((e) => e.objectId === wound.id && e.userId === 'p-jansen').map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['viewThumbnail', 'downloadAttachment']));
    });

    it('R8: a later member of the inbox, and another organisation, do not find the files', async () => {
      const [elamrani, ahmadi] = await region.all('p-elamrani', 'p-ahmadi');
      await jansen.must('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani', 'p-deboer'] });
      const deboer = await region.as('p-deboer');
      for (const p of [deboer, ahmadi]) {
        for (const variant of ['file', 'thumbnail'] as const) {
          const r = await p.backend.files.download(wound.id, variant);
          expect(r.ok ? 'ok' : r.code, `${p.id} ${variant}`).toBe('not-found');
        }
      }
      expect((await elamrani.backend.files.download(letter.id)).ok).toBe(true);
    });

    it('R13: the account manager without a care role fetches a file only through the emergency step', async () => {
      const mulder = await region.as('p-mulder');
      const plain = await mulder.backend.files.download(letter.id);
      expect(plain.ok ? 'ok' : plain.code).toBe('contents-restricted');
      const urgent = await mulder.backend.files.download(letter.id, 'file', { emergencyReason: 'Cliënt in acute nood, behandelaar onbereikbaar' });
      expect(urgent.ok).toBe(true);
      const history = await jansen.must('accessHistory', { clientId: conversation.clientId, ...aroundNow() });
      expect(history.find((e) => e.userId === 'p-mulder' && e.objectId === letter.id && e.outcome === 'success')).toMatchObject({ emergency: true });
    });

    it('R20: HTML named .jpg, an SVG with a script and a HEIC photo are refused by their bytes, and nothing is stored', async () => {
      for (const [file, code] of [[htmlAsJpeg(), 'file-type-refused'], [svgWithScript(), 'file-type-refused'], [heic(), 'file-heic']] as const) {
        const before = await region.snapshot();
        const r = await yilmaz.backend.files.upload(file, { idempotencyKey: uid('up') });
        expect(r.ok ? 'accepted' : r.code, file.name).toBe(code);
        expect(await region.snapshot() === before, `${file.name} changed what is stored`).toBe(true);
      }
    });

    it('R20: an upload retried under its key is the same file; a message takes at most five, and only its author\'s', async () => {
      const key = uid('up');
      const file = pdf('brief.pdf');
      const first = await yilmaz.backend.files.upload(file, { idempotencyKey: key });
      const again = await yilmaz.backend.files.upload(file, { idempotencyKey: key });
      expect(first.ok && again.ok && again.value.id === first.value.id).toBe(true);
      const six = [];
      for (let i = 0; i < 6; i++) six.push((await upload(yilmaz, pdf(`brief-${i}.pdf`))).id);
      await yilmaz.refused('postMessage', { conversationId: conversation.id, messageId: uid('m'), text: 'Zes', attachmentIds: six }, 'too-many-files');
      await jansen.refused('postMessage', { conversationId: conversation.id, messageId: uid('m'), text: 'Van een ander', attachmentIds: [six[0]!] }, 'not-found');
      const five = await yilmaz.must('postMessage', { conversationId: conversation.id, messageId: uid('m'), text: '', attachmentIds: six.slice(0, 5) });
      expect(five.attachments).toHaveLength(5);
      await yilmaz.refused('postMessage', { conversationId: conversation.id, messageId: uid('m'), text: 'Nog eens', attachmentIds: [six[0]!] }, 'attachment-taken');
    });

    it('R20: a file no message took yet is nobody\'s to download', async () => {
      const loose = await upload(yilmaz, pdf('los.pdf'));
      for (const p of [yilmaz, jansen]) {
        const r = await p.backend.files.download(loose.id);
        expect(r.ok ? 'ok' : r.code).toBe('not-found');
      }
    });
  });
}
