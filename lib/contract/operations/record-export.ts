import { commands, EXPORT_MAX_MESSAGES, exportMarkId, RecordExport } from '../../domain';
import { operation } from '../operation';
import { all, follow, record, records, rows } from '../plan';

/** "Naar dossier": a conversation copied into the client's own record (R8, R13, R15). */
export const recordExportOperations = {
  exportConversation: operation({
    kind: 'read', access: 'careReaders',
    summary: "Export a conversation for the client's record: the whole of it or what came after my last export (remembered per person), with the client, organisations and participants; an audited read (R15), refused where reading is (R8, R13: not under the emergency step).",
    input: commands.exportConversation,
    output: RecordExport,
    reads: (a, me) => ({
      conversation: record('conversations', a.conversationId),
      network: follow('networks', { store: 'conversations', id: a.conversationId, field: 'networkId' }),
      client: follow('clients', { store: 'conversations', id: a.conversationId, field: 'clientId' }),
      mark: record('exportMarks', exportMarkId(me.id, a.conversationId)),
      // A region has tens of organisations: the names of the participants' ones come from one read.
      organisations: all('organisations'),
    }),
    then: (a, _me, { conversation, mark }) => {
      const after = a.scope === 'sinceLastExport' ? mark?.last : undefined;
      return {
        messages: rows('messages', 'byConversation', {
          equals: [a.conversationId], ...(after ? { lower: [after.createdAt, after.id] } : {}), limit: EXPORT_MAX_MESSAGES + 1,
        }),
        people: records('professionals', conversation?.participants.filter((p) => p.kind === 'professional').map((p) => p.id) ?? []),
        inboxes: records('inboxes', conversation?.inboxes.map((i) => i.inboxId) ?? []),
      };
    },
    // The mark is this person's own; two exports of theirs at once take turns with the conversation's writes.
    locks: (a) => [`conversation:${a.conversationId}`],
    example: (fx) => ({ conversationId: fx.conversationId, scope: 'all' }),
  }).decidedBy('exportConversation'),
};
