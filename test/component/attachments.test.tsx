// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../components/Composer';
import { MessageList } from '../../components/MessageList';
import type { AttachmentRef, Message } from '../../lib/domain';
import { renderIn } from './render';

afterEach(cleanup);

const file = (name: string, type: string, size = 2000) => new File([new Uint8Array(size)], name, { type });
const pick = (files: File[]) => {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
};

describe('Composer with files (R20)', () => {
  it('R20: a picked photo and PDF are listed, can be removed, and go with the message; a message of files alone can be sent', async () => {
    const send = vi.fn();
    renderIn(<Composer onSend={send} />);
    expect(screen.getByRole('button', { name: 'Bestand toevoegen' })).toBeTruthy();
    pick([file('wond.jpg', 'image/jpeg'), file('brief.pdf', 'application/pdf'), file('extra.png', 'image/png')]);
    const list = await screen.findByRole('list', { name: 'Bijlagen bij dit bericht' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'extra.png verwijderen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(send).toHaveBeenCalledTimes(1);
    const [text, files] = send.mock.calls[0]!;
    expect(text).toBe('');
    expect(files.map((f: { name: string }) => f.name)).toEqual(['wond.jpg', 'brief.pdf']);
    expect(files[0].bytes).toBeInstanceOf(Uint8Array);
    expect(screen.queryByRole('list', { name: 'Bijlagen bij dit bericht' })).toBeNull();
  });

  it('R20: HEIC, an SVG, more than five and over 10 MB each get their own clear message, and nothing is added', async () => {
    renderIn(<Composer onSend={() => {}} />);
    const cases: [File[], RegExp][] = [
      [[file('IMG_0001.HEIC', 'image/heic')], /HEIC-foto’s \(iPhone\) kunnen niet mee/],
      [[file('tekening.svg', 'image/svg+xml')], /Dit soort bestand kan niet mee/],
      [[file('groot.jpg', 'image/jpeg', 10 * 1024 * 1024 + 1)], /groter dan 10 MB/],
      [Array.from({ length: 6 }, (_, i) => file(`f${i}.pdf`, 'application/pdf')), /maximaal 5 bestanden/],
    ];
    for (const [files, text] of cases) {
      pick(files);
      expect((await screen.findByRole('alert')).textContent).toMatch(text);
      expect(screen.queryByRole('list', { name: 'Bijlagen bij dit bericht' })).toBeNull();
    }
  });

  it('R20: a pasted screenshot is added with a name', async () => {
    renderIn(<Composer onSend={() => {}} />);
    const box = screen.getByLabelText('Bericht');
    const shot = new File([new Uint8Array(10)], '', { type: 'image/png' });
    fireEvent.paste(box, { clipboardData: { files: [shot], getData: () => '' } });
    const list = await screen.findByRole('list', { name: 'Bijlagen bij dit bericht' });
    expect(list.textContent).toContain('schermafbeelding.png');
  });
});

describe('MessageList with files (R20)', () => {
  const at = '2026-03-02T09:15:00.000Z';
  const photo: AttachmentRef = { id: 'f-1', name: 'wond.jpg', kind: 'photo', type: 'image/jpeg', bytes: 240_000, width: 800, height: 1200, sha256: 'a'.repeat(64) };
  const letter: AttachmentRef = { id: 'f-2', name: 'brief.pdf', kind: 'document', type: 'application/pdf', bytes: 2_400_000, sha256: 'b'.repeat(64) };
  const message: Message = {
    id: 'm1', conversationId: 'c1', authorId: 'p-yilmaz', authorKind: 'professional', authorName: 'Yusuf Yilmaz',
    authorRole: 'nurse', authorOrgName: 'Thuiszorg Zorgzaam', text: '', createdAt: at, attachments: [photo, letter],
  };

  it('R20: a photo shows as a thumbnail (fetched once) that opens larger; a document is offered for download with its size', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const load = vi.fn(async () => ({ ok: true as const, value: { type: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]) } }));
    renderIn(<MessageList messages={[message]} pending={[]} meId="p-jansen" load={load} />);
    const open = screen.getByRole('button', { name: 'Foto wond.jpg groter bekijken' });
    await waitFor(() => expect(open.querySelector('img')).toBeTruthy());
    expect(load).toHaveBeenCalledWith('f-1', 'thumbnail');
    expect(screen.getByRole('button', { name: /brief\.pdf.*downloaden \(2,4 MB\)/ })).toBeTruthy();
    fireEvent.click(open);
    await waitFor(() => expect(load).toHaveBeenCalledWith('f-1', 'file'));
    expect(await screen.findByRole('button', { name: 'Sluiten' })).toBeTruthy();
  });

  it('R20: a message on its way names its files and shows a progress bar while it is sent', () => {
    renderIn(<MessageList messages={[]} pending={[{ id: 'p1', text: 'Zie foto', at, state: 'sending', files: ['wond.jpg'] }]} meId="p" load={async () => ({ ok: false, code: 'not-found' })} />);
    const item = screen.getByRole('article', { name: 'Uw bericht, nog niet opgeslagen' });
    expect(item.textContent).toContain('wond.jpg');
    expect(within(item).getByRole('progressbar', { name: 'Bijlagen worden geüpload' })).toBeTruthy();
  });
});
