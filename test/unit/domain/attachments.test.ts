import { describe, expect, it } from 'vitest';
import { attachmentName, ATTACHMENT_LIMITS, classifyFile, decide } from '../../../lib/domain';
import {
  aConversation, actorOf, anAttachment, aNetwork, auditsOf, cmd, conversationRows, expectAccepted, expectRefused, makeEnv, NOW, people, putsTo,
} from '../../fixtures/domain';

const assistant = actorOf(people.assistant);
const nurse = actorOf(people.nurse);

describe('R20: which files are taken in', () => {
  it('R20: photos (JPEG, PNG, WebP) and PDF documents are taken in, by the type their bytes show', () => {
    expect(classifyFile('image/jpeg', 1000)).toEqual({ ok: true, type: 'image/jpeg', kind: 'photo' });
    expect(classifyFile('image/png', 1000)).toMatchObject({ ok: true, kind: 'photo' });
    expect(classifyFile('image/webp', 1000)).toMatchObject({ ok: true, kind: 'photo' });
    expect(classifyFile('application/pdf', 1000)).toEqual({ ok: true, type: 'application/pdf', kind: 'document' });
  });

  it('R20: HEIC is refused with its own answer (how to send it as JPEG); SVG, HTML, archives and unknown bytes are refused', () => {
    expect(classifyFile('image/heic', 1000)).toMatchObject({ ok: false, code: 'file-heic' });
    expect(classifyFile('image/heif', 1000)).toMatchObject({ ok: false, code: 'file-heic' });
    for (const type of ['image/svg+xml', 'text/html', 'application/zip', 'application/x-msdownload', 'image/gif', undefined]) {
      expect(classifyFile(type, 1000), String(type)).toMatchObject({ ok: false, code: 'file-type-refused' });
    }
  });

  it('R20: a file over 10 MB is refused as too large, an empty one as no file', () => {
    expect(classifyFile('image/jpeg', ATTACHMENT_LIMITS.maxBytes)).toMatchObject({ ok: true });
    expect(classifyFile('image/jpeg', ATTACHMENT_LIMITS.maxBytes + 1)).toMatchObject({ ok: false, code: 'file-too-large' });
    expect(classifyFile('application/pdf', 0)).toMatchObject({ ok: false, code: 'file-type-refused' });
  });

  it('R20: a name keeps no folder or markup, and gets the extension of its real type', () => {
    expect(attachmentName('C:\\Users\\zorg\\wond.jpg', 'image/png')).toBe('wond.png');
    expect(attachmentName('../../<script>x.pdf', 'application/pdf')).toBe('scriptx.pdf');
    expect(attachmentName('', 'image/jpeg')).toBe('foto.jpg');
    expect(attachmentName(undefined, 'application/pdf')).toBe('document.pdf');
  });
});

describe('uploadAttachment', () => {
  const upload = (actor = assistant, existing?: ReturnType<typeof anAttachment>) => decide.uploadAttachment(actor, makeEnv(), cmd('uploadAttachment', {
    attachmentId: 'att-new', name: 'wond.jpg', type: 'image/jpeg', kind: 'photo', bytes: 2000, width: 800, height: 600, sha256: 'c'.repeat(64),
  }), { existing });

  it('R20: an upload is its uploader\'s and no message\'s yet, keeping what an export needs (name, kind, size, hash, who, when)', () => {
    const { value, puts } = expectAccepted(upload());
    expect(value).toEqual({ id: 'att-new', name: 'wond.jpg', kind: 'photo', type: 'image/jpeg', bytes: 2000, width: 800, height: 600, sha256: 'c'.repeat(64) });
    expect(putsTo(puts, 'attachments')).toEqual([expect.objectContaining({
      id: 'att-new', uploaderId: people.assistant.id, orgId: people.assistant.orgId, createdAt: NOW, messageId: '', conversationId: '',
    })]);
    expect(auditsOf(puts)).toEqual([]);
  });

  it('R13: an account manager without a care role sends no files (contents-restricted)', () => {
    expectRefused(upload(actorOf(people.gpManager)), 'contents-restricted');
  });

  it('R20: an id taken already is a conflict, never an overwrite', () => {
    expectRefused(upload(assistant, anAttachment({ id: 'att-new' }, false)), 'conflict');
  });
});

describe('postMessage with files', () => {
  const post = (attachmentIds: string[], files = [anAttachment({}, false)], actor = assistant) => decide.postMessage(actor, makeEnv(), cmd('postMessage', {
    conversationId: 'conv-1', messageId: 'msg-new', text: 'Zie foto', attachmentIds,
  }), { conversation: aConversation(), network: aNetwork(), items: conversationRows(), files });

  it('R20: the message carries its files in the order sent, and each file now belongs to it and its conversation', () => {
    const second = anAttachment({ id: 'att-2', name: 'brief.pdf', kind: 'document', type: 'application/pdf', width: undefined, height: undefined }, false);
    const { value, puts } = expectAccepted(post(['att-2', 'att-1'], [anAttachment({}, false), second]));
    expect(value.attachments?.map((a) => a.id)).toEqual(['att-2', 'att-1']);
    expect(value.attachments?.[0]).not.toHaveProperty('uploaderId');
    expect(putsTo(puts, 'attachments').map((a) => [a.id, a.messageId, a.conversationId])).toEqual([['att-2', 'msg-new', 'conv-1'], ['att-1', 'msg-new', 'conv-1']]);
  });

  it('R20: a photo needs no words: a message of files alone is accepted; without text or files it is invalid input', () => {
    const photoOnly = decide.postMessage(assistant, makeEnv(), cmd('postMessage', { conversationId: 'conv-1', messageId: 'msg-new', attachmentIds: ['att-1'] }), {
      conversation: aConversation(), network: aNetwork(), items: conversationRows(), files: [anAttachment({}, false)],
    });
    expect(expectAccepted(photoOnly).value.text).toBe('');
    expect(() => cmd('postMessage', { conversationId: 'conv-1', messageId: 'msg-new', text: '   ' })).toThrow();
  });

  it('R20: at most five files per message (too-many-files); nothing is written', () => {
    const six = Array.from({ length: 6 }, (_, i) => anAttachment({ id: `att-${i}` }, false));
    expectRefused(post(six.map((a) => a.id), six), 'too-many-files');
    expectAccepted(post(six.slice(0, 5).map((a) => a.id), six));
  });

  it('R20: only the uploader\'s own files can be attached; another\'s, or one that does not exist, is not found', () => {
    expectRefused(post(['att-1'], [anAttachment({ uploaderId: people.nurse.id }, false)]), 'not-found');
    expectRefused(post(['att-none']), 'not-found');
  });

  it('R20: a file another message took stays that message\'s (attachment-taken)', () => {
    expectRefused(post(['att-1'], [anAttachment({ messageId: 'msg-1', conversationId: 'conv-1' })]), 'attachment-taken');
  });
});

describe('readAttachment', () => {
  const read = (actor = nurse, over: Partial<Parameters<typeof decide.readAttachment>[3]> = {}, input: { variant?: 'file' | 'thumbnail'; emergencyReason?: string } = {}) =>
    decide.readAttachment(actor, makeEnv(), cmd('readAttachment', { attachmentId: 'att-1', ...input }), {
      attachment: anAttachment(), conversation: aConversation(), network: aNetwork(), ...over,
    });

  it('R20, R15: a participant reads a message\'s file, and each download and thumbnail view is its own audit record', () => {
    const file = expectAccepted(read());
    expect(file.value).toMatchObject({ id: 'att-1', name: 'wond.jpg', emergency: false });
    expect(auditsOf(file.puts)).toMatchObject([{ event: 'read', action: 'downloadAttachment', objectType: 'attachment', objectId: 'att-1', emergency: false }]);
    const thumb = expectAccepted(read(nurse, {}, { variant: 'thumbnail' }));
    expect(auditsOf(thumb.puts)).toMatchObject([{ action: 'viewThumbnail', objectId: 'att-1' }]);
  });

  it('R8, R20: someone who is no participant (a later member of the inbox, another organisation) does not find the file, and the attempt is audited', () => {
    for (const p of [people.caregiver, people.social]) {
      const d = read(actorOf(p));
      expectRefused(d, 'not-found');
      expect(d.ok ? [] : d.audit?.map((a) => a.value)).toMatchObject([{ action: 'downloadAttachment', outcome: 'refused', objectId: 'att-1' }]);
    }
  });

  it('R13, R20: an account manager without a care role reads a file only through the emergency step, which is audited as such', () => {
    const manager = actorOf(people.gpManager);
    expectRefused(read(manager), 'contents-restricted');
    const { value, puts } = expectAccepted(read(manager, {}, { emergencyReason: 'Cliënt in acute nood, behandelaar onbereikbaar' }));
    expect(value.emergency).toBe(true);
    expect(auditsOf(puts)).toMatchObject([{ emergency: true, reason: 'Cliënt in acute nood, behandelaar onbereikbaar' }]);
  });

  it('R20: an upload no message took is nobody\'s to fetch, not even its uploader\'s', () => {
    expectRefused(read(assistant, { attachment: anAttachment({}, false) }), 'not-found');
  });
});
