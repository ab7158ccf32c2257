import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpBackend } from '../../lib/backend/http/http-backend';
import { ATTACHMENT_LIMITS, type AttachmentRef } from '../../lib/domain';
import { sweepUnusedUploads } from '../../server/attachments/sweep';
import { htmlAsJpeg, pdf, photoWithExif, SECRET, svgWithScript } from '../fixtures/files';
import { backendFor, bearer, pgliteServer, tokenFor, type TestServer } from './helpers';

/** A raw upload, as another system would send it. */
async function upload(server: TestServer, token: string | undefined, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/jpeg', 'Idempotency-Key': crypto.randomUUID(), ...(token ? bearer(token) : {}), ...headers },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> };
}

const get = (server: TestServer, token: string, path: string) => fetch(`${server.url}/api/v1/attachments/${path}`, { headers: bearer(token) });

/** R20 on the reference server over real HTTP: the bytes, the headers, and who gets them. */
describe('attachments on the server', () => {
  let server: TestServer;
  let nurse: string;
  let assistant: string;
  let photo: AttachmentRef;
  let letter: AttachmentRef;
  let conversationId: string;

  beforeAll(async () => {
    server = await pgliteServer();
    [nurse, assistant] = [await tokenFor(server, 'p-yilmaz'), await tokenFor(server, 'p-jansen')];
    const yilmaz = await backendFor(server, 'p-yilmaz');
    const up = await upload(server, nurse, await photoWithExif(), { 'X-Netwerkzorg-File-Name': encodeURIComponent('wond été.jpg') });
    expect(up.status).toBe(201);
    photo = up.json as unknown as AttachmentRef;
    const doc = await yilmaz.files.upload(pdf(), { idempotencyKey: crypto.randomUUID() });
    if (!doc.ok) throw new Error(doc.code);
    letter = doc.value;
    conversationId = await startWith(yilmaz, [photo.id, letter.id]);
  });
  afterAll(async () => {
    await server?.region.dispose();
  });

  async function startWith(b: HttpBackend, attachmentIds: string[]) {
    const text = await b.call('currentConsentText', {});
    const client = await b.call('createClient', { name: 'Mevrouw Wond', birthDate: '1938-02-11' });
    if (!client.ok || !text.ok || !text.value) throw new Error('setup');
    await b.call('recordConsent', { clientId: client.value.id, textId: text.value.id, givenBy: { kind: 'client' }, method: 'verbal' });
    const network = await b.call('createNetwork', { clientId: client.value.id });
    if (!network.ok) throw new Error(network.code);
    const conv = await b.call('startConversation', {
      networkId: network.value.id, subject: 'Wond', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Foto en overzicht', attachmentIds,
    });
    if (!conv.ok) throw new Error(conv.code);
    return conv.value.id;
  }

  it('R20: a JPEG whose EXIF holds a GPS position and a camera serial comes back to a participant with no metadata at all', async () => {
    const original = await photoWithExif();
    expect(await exifr.gps(Buffer.from(original))).toMatchObject({ latitude: expect.closeTo(SECRET.lat, 3) });
    const res = await get(server, assistant, photo.id);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(bytes.toString('latin1')).not.toContain(SECRET.serial);
    // The uploaded original is not kept anywhere: nothing stored holds the serial number.
    const rows = await server.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachment_files WHERE position(convert_to($1, 'UTF8') in bytes) > 0", [SECRET.serial]);
    expect(rows[0]!.n).toBe(0);
  });

  it('R20: files are served so they cannot run as pages of the server: nosniff, a sandboxing CSP, documents as attachment', async () => {
    const doc = await get(server, assistant, letter.id);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment; filename="medicatieoverzicht.pdf"/);
    expect(doc.headers.get('x-content-type-options')).toBe('nosniff');
    expect(doc.headers.get('content-security-policy')).toContain('sandbox');
    expect(doc.headers.get('cache-control')).toContain('no-store');
    const img = await get(server, assistant, photo.id);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(img.headers.get('content-disposition')).toMatch(/^inline; filename="wond _t_.jpg"; filename\*=UTF-8''wond%20%C3%A9t%C3%A9\.jpg$/);
    const thumb = await get(server, assistant, `${photo.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    const meta = await exifr.parse(Buffer.from(await thumb.arrayBuffer()), true);
    expect(meta).toBeUndefined();
  });

  it('R20: bytes of a web page named .jpg, and an SVG with a script, are refused (415) whatever their name and declared type', async () => {
    const html = await upload(server, nurse, htmlAsJpeg().bytes, { 'X-Netwerkzorg-File-Name': 'foto.jpg' });
    expect([html.status, html.json.code]).toEqual([415, 'file-type-refused']);
    const svg = await upload(server, nurse, svgWithScript().bytes, { 'Content-Type': 'image/svg+xml', 'X-Netwerkzorg-File-Name': 'tekening.svg' });
    expect([svg.status, svg.json.code]).toEqual([415, 'file-type-refused']);
    const n = await server.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachment_files');
    expect(n[0]!.n).toBe(2);
  });

  it('R8: a non-participant (another organisation) and a member who joined the inbox after the start get 404', async () => {
    const jansen = await backendFor(server, 'p-jansen');
    const added = await jansen.call('updateSharedInbox', { inboxId: 'inbox-assistentes', memberIds: ['p-jansen', 'p-elamrani', 'p-deboer'] });
    expect(added.ok).toBe(true);
    for (const who of ['p-deboer', 'p-ahmadi']) {
      const token = await tokenFor(server, who);
      for (const path of [photo.id, `${photo.id}/thumbnail`, letter.id]) expect((await get(server, token, path)).status, `${who} ${path}`).toBe(404);
    }
  });

  it('R13: the account manager without a care role gets 403 without the emergency step, the file with it', async () => {
    const mulder = await tokenFor(server, 'p-mulder');
    expect((await get(server, mulder, letter.id)).status).toBe(403);
    const res = await fetch(`${server.url}/api/v1/attachments/${letter.id}`, {
      headers: { ...bearer(mulder), 'X-Netwerkzorg-Emergency-Reason': encodeURIComponent('Cliënt in acute nood, behandelaar onbereikbaar') },
    });
    expect(res.status).toBe(200);
  });

  it('an upload needs a session and an Idempotency-Key, and is at most 10 MB (413, read no further)', async () => {
    const bytes = await photoWithExif(200, 200);
    expect((await upload(server, undefined, bytes)).status).toBe(401);
    expect((await upload(server, nurse, bytes, { 'Idempotency-Key': '' })).status).toBe(400);
    const big = await upload(server, nurse, new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1));
    expect([big.status, big.json.code]).toEqual([413, 'file-too-large']);
    expect((await fetch(`${server.url}/api/v1/attachments/${photo.id}`)).status).toBe(401);
  });

  it('R20: an upload no message took is removed after a day, with its bytes; files of messages stay', async () => {
    const loose = await upload(server, nurse, await photoWithExif(300, 200));
    const id = loose.json.id as string;
    expect(await sweepUnusedUploads(server.ctx.db, new Date())).toBe(0);
    expect(await sweepUnusedUploads(server.ctx.db, new Date(Date.now() + 25 * 3600_000))).toBe(1);
    const left = await server.ctx.db.query<{ id: string }>('SELECT id FROM attachment_files ORDER BY id');
    expect(left.map((r) => r.id)).not.toContain(id);
    expect(left.map((r) => r.id)).toEqual(expect.arrayContaining([photo.id, letter.id]));
    expect(await server.ctx.store.transaction('read', (tx) => tx.get('attachments', id))).toBeUndefined();
  });

  it('the OpenAPI document describes the upload and both downloads', async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/attachments']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/attachments/{id}']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/attachments/{id}/thumbnail']!)).toEqual(['get']);
  });

  it('a conversation with files was started: its messages name them', async () => {
    const jansen = await backendFor(server, 'p-jansen');
    const view = await jansen.call('readConversation', { conversationId });
    expect(view.ok && view.value.messages[0]!.attachments!.map((a) => a.id)).toEqual([photo.id, letter.id]);
  });
});
