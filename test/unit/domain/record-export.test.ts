import { describe, expect, it } from 'vitest';
import { decide, EXPORT_MAX_MESSAGES, exportMarkId, type Actor, type ExportMark, type ExportScope, type Message } from '../../../lib/domain';
import {
  aConversation, actorOf, aMessage, aNetwork, auditsOf, client, cmd, everyone, expectAccepted, expectRefused, inbox, makeEnv, NOW, org, people, putsTo,
} from '../../fixtures/domain';

const assistant = actorOf(people.assistant);
const messages = (n: number, from = 0): Message[] => Array.from({ length: n }, (_, i) => aMessage({
  id: `msg-${String(from + i).padStart(5, '0')}`, text: `Bericht ${from + i}`, createdAt: new Date(Date.UTC(2025, 2, 1, 8, 0, from + i)).toISOString(),
}));
const markOf = (last: Message | undefined, at = '2025-03-02T09:00:00.000Z'): ExportMark => ({
  id: exportMarkId(people.assistant.id, 'conv-1'), professionalId: people.assistant.id, conversationId: 'conv-1', at,
  ...(last ? { last: { createdAt: last.createdAt, id: last.id } } : {}),
});

function exportAs(actor: Actor, scope: ExportScope, ctx: { messages?: Message[]; mark?: ExportMark } = {}) {
  return decide.exportConversation(actor, makeEnv(), cmd('exportConversation', { conversationId: 'conv-1', scope }), {
    conversation: aConversation(), network: aNetwork(), client, mark: ctx.mark, messages: ctx.messages ?? messages(3),
    people: everyone, organisations: Object.values(org), inboxes: [inbox.district],
  });
}

describe('"Naar dossier": a conversation exported to the record', () => {
  it('R15: an export holds the client, the organisations, the participants with role and organisation, and the messages, and is an audit record without the text', () => {
    const { value, puts } = expectAccepted(exportAs(assistant, 'all'));
    expect(value.client).toEqual({ name: client.name, birthDate: client.birthDate, bsn: client.bsn });
    expect(value.organisations).toEqual([org.gp.name, org.homecare.name]);
    expect(value.participants).toEqual([
      { name: people.assistant.name, role: 'assistant', organisation: org.gp.name, resident: false },
      { name: people.nurse.name, role: 'nurse', organisation: org.homecare.name, resident: false },
      { name: people.nurse2.name, role: 'nurse', organisation: org.homecare.name, resident: false },
    ]);
    expect(value.inboxes).toEqual([{ name: inbox.district.name, organisation: org.homecare.name }]);
    expect(value.messages.map((m) => m.text)).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2']);
    expect(value).toMatchObject({ scope: 'all', exportedAt: NOW, more: false });
    expect(auditsOf(puts)).toMatchObject([{ event: 'read', action: 'exportConversation', clientId: client.id, objectType: 'conversation', objectId: 'conv-1', outcome: 'success' }]);
    expect(JSON.stringify(auditsOf(puts))).not.toContain('Bericht');
  });

  it('remembers per person where the export ended, so "since the last export" starts after it', () => {
    const all = messages(3);
    const { puts } = expectAccepted(exportAs(assistant, 'all', { messages: all }));
    expect(putsTo(puts, 'exportMarks')).toEqual([markOf(all[2], NOW)]);
    const since = expectAccepted(exportAs(assistant, 'sinceLastExport', { mark: markOf(all[2]), messages: messages(2, 3) }));
    expect(since.value.since).toBe('2025-03-02T09:00:00.000Z');
    expect(putsTo(since.puts, 'exportMarks')[0]).toMatchObject({ last: { id: 'msg-00004' }, at: NOW });
  });

  it('"since the last export" with nothing new is an empty export that keeps the mark where it was', () => {
    const last = messages(3)[2]!;
    const { value, puts } = expectAccepted(exportAs(assistant, 'sinceLastExport', { mark: markOf(last), messages: [] }));
    expect(value.messages).toEqual([]);
    expect(putsTo(puts, 'exportMarks')[0]).toMatchObject({ last: { id: last.id } });
  });

  it('"since the last export" without an earlier one is the whole conversation; "whole" ignores the mark', () => {
    expect(expectAccepted(exportAs(assistant, 'sinceLastExport')).value.since).toBeUndefined();
    expect(expectAccepted(exportAs(assistant, 'all', { mark: markOf(messages(1)[0]) })).value.since).toBeUndefined();
  });

  it(`takes at most ${EXPORT_MAX_MESSAGES} messages and says more came after, marking the last one it took`, () => {
    const { value, puts } = expectAccepted(exportAs(assistant, 'all', { messages: messages(EXPORT_MAX_MESSAGES + 1) }));
    expect(value.messages).toHaveLength(EXPORT_MAX_MESSAGES);
    expect(value.more).toBe(true);
    expect(putsTo(puts, 'exportMarks')[0]!.last!.id).toBe(value.messages.at(-1)!.id);
  });

  it('the resident, once a participant, is named as such', () => {
    const conv = aConversation();
    conv.participants.push({ kind: 'client', id: client.id, addedBy: people.gp.id, addedAt: NOW });
    const { value } = expectAccepted(decide.exportConversation(assistant, makeEnv(), cmd('exportConversation', { conversationId: 'conv-1', scope: 'all' }), {
      conversation: conv, network: aNetwork(), client, messages: [], people: everyone, organisations: Object.values(org), inboxes: [],
    }));
    expect(value.participants.at(-1)).toEqual({ name: client.name, role: '', organisation: '', resident: true });
  });

  it('R8: someone who is not a participant is told not-found, and the attempt is audited as refused', () => {
    const refused = exportAs(actorOf(people.poh), 'all');
    expectRefused(refused, 'not-found');
    expect(!refused.ok && refused.audit?.map((p) => p.value)).toMatchObject([{ action: 'exportConversation', outcome: 'refused', objectId: 'conv-1' }]);
  });

  it('R13: an account manager without a care role exports nothing, not even through the emergency step', () => {
    expectRefused(exportAs(actorOf(people.gpManager), 'all'), 'contents-restricted');
  });

  it('a conversation that does not exist is not-found', () => {
    expectRefused(decide.exportConversation(assistant, makeEnv(), cmd('exportConversation', { conversationId: 'conv-x', scope: 'all' }), {
      messages: [], people: [], organisations: [], inboxes: [],
    }), 'not-found');
  });
});
