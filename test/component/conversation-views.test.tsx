// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../components/Composer';
import { MessageList } from '../../components/MessageList';
import { Participants } from '../../components/Participants';
import type { PendingMessage } from '../../lib/app/conversation';
import type { Conversation, Message } from '../../lib/domain';
import { renderIn } from './render';

afterEach(cleanup);

const noFiles = async () => ({ ok: false, code: 'not-found' }) as const;

const at = '2026-03-02T09:15:00.000Z';
const message = (over: Partial<Message> = {}): Message => ({
  id: 'm1', conversationId: 'c1', authorId: 'p-yilmaz', authorKind: 'professional', authorName: 'Yusuf Yilmaz',
  authorRole: 'nurse', authorOrgName: 'Thuiszorg Zorgzaam', text: 'Ik kom donderdag langs.', createdAt: at, ...over,
});

describe('MessageList', () => {
  it('shows author, role, organisation and time of each stored message', () => {
    renderIn(<MessageList messages={[message()]} pending={[]} meId="p-jansen" load={noFiles} />);
    const item = screen.getByRole('article', { name: 'Bericht van Yusuf Yilmaz' });
    expect(item.textContent).toContain('Yusuf Yilmaz');
    expect(item.textContent).toContain('Wijkverpleegkundige, Thuiszorg Zorgzaam');
    expect(item.querySelector('time')?.getAttribute('datetime')).toBe(at);
  });

  it('marks a message that is not stored yet, and offers to retry a refused one', () => {
    const pending: PendingMessage[] = [
      { id: 'p1', text: 'Onderweg', at, state: 'sending' },
      { id: 'p2', text: 'Mislukt', at, state: 'failed', code: 'network-read-only' },
    ];
    const retry = vi.fn();
    renderIn(<MessageList messages={[message()]} pending={pending} meId="p-jansen" onRetry={retry} onDiscard={() => {}} load={noFiles} />);
    const notStored = screen.getAllByRole('article', { name: 'Uw bericht, nog niet opgeslagen' });
    expect(notStored).toHaveLength(2);
    expect(notStored[0]!.textContent).toContain('Wordt verstuurd…');
    expect(notStored[1]!.textContent).toContain('Niet verstuurd');
    expect(notStored[1]!.textContent).toContain('De toestemming is ingetrokken: dit netwerk is alleen-lezen.');
    fireEvent.click(within(notStored[1]!).getByRole('button', { name: 'Opnieuw versturen' }));
    expect(retry).toHaveBeenCalledWith('p2');
    expect(screen.getByRole('article', { name: 'Bericht van Yusuf Yilmaz' }).textContent).not.toContain('verstuurd');
  });

  it('speaks English when chosen', () => {
    renderIn(<MessageList messages={[message()]} pending={[{ id: 'p1', text: 'x', at, state: 'sending' }]} meId="p" load={noFiles} />, 'en');
    expect(screen.getByRole('list', { name: 'Messages' })).toBeTruthy();
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.getByText('District nurse, Thuiszorg Zorgzaam')).toBeTruthy();
  });
});

describe('Composer', () => {
  it('sends with Ctrl+Enter and empties the box; a plain Enter is a new line', () => {
    const send = vi.fn();
    renderIn(<Composer onSend={send} />);
    const box = screen.getByLabelText('Bericht') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Regel een' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(send).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(send).toHaveBeenCalledWith('Regel een', []);
    expect(box.value).toBe('');
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Ctrl+Enter om te versturen')).toBeTruthy();
  });

  it('does not send only spaces', () => {
    const send = vi.fn();
    renderIn(<Composer onSend={send} />);
    const box = screen.getByLabelText('Bericht');
    fireEvent.input(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(send).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Versturen' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Participants', () => {
  const conversation: Conversation = {
    id: 'c1', networkId: 'n1', clientId: 'c-hendriks', subject: 'Wondzorg', createdBy: 'p-yilmaz', createdAt: at, lastActivity: at,
    participants: [
      { kind: 'professional', id: 'p-yilmaz', addedBy: 'p-yilmaz', addedAt: at },
      { kind: 'professional', id: 'p-jansen', viaInboxId: 'inbox-assistentes', addedBy: 'p-yilmaz', addedAt: at },
      { kind: 'professional', id: 'p-devries', addedBy: 'p-jansen', addedAt: at },
      { kind: 'client', id: 'c-hendriks', addedBy: 'p-jansen', addedAt: at },
    ],
    inboxes: [{ inboxId: 'inbox-assistentes', addedBy: 'p-yilmaz', addedAt: at }],
  };
  const people: Record<string, { name: string; role: string; orgId: string }> = {
    'p-yilmaz': { name: 'Yusuf Yilmaz', role: 'nurse', orgId: 'o-vvt' },
    'p-jansen': { name: 'Sanne Jansen', role: 'assistant', orgId: 'o-gp' },
    'p-devries': { name: 'Anne de Vries', role: 'gp', orgId: 'o-gp' },
  };

  it('says how each joined: started it, via an inbox, added by whom and when; the resident too', () => {
    const { container } = renderIn(
      <Participants conversation={conversation} person={(id) => people[id]} orgName={(id) => ({ 'o-gp': 'Huisartsenpraktijk Lombok', 'o-vvt': 'Thuiszorg Zorgzaam' })[id]}
        inboxName={() => 'Doktersassistentes'} clientName="Maria Hendriks" />,
    );
    const text = container.textContent!;
    expect(text).toContain('Deelnemers (4)');
    expect(text).toMatch(/Yusuf Yilmaz.*startte het gesprek op/);
    expect(text).toMatch(/Sanne Jansen.*via Doktersassistentes, toegevoegd door Yusuf Yilmaz op/);
    expect(text).toMatch(/Anne de Vries.*Huisarts, Huisartsenpraktijk Lombok.*toegevoegd door Sanne Jansen op/);
    expect(text).toMatch(/Maria Hendriks.*Inwoner.*toegevoegd door Sanne Jansen op/);
  });
});
