import { z } from 'zod';
import { AttachmentRef, commands } from '../../domain';
import { operation } from '../operation';
import { follow, record } from '../plan';

/** R20: reading a message's file, as an operation of the port (`GET /api/v1/attachments/{id}` runs it, then sends the bytes). */
export const attachmentOperations = {
  readAttachment: operation({
    kind: 'read', access: 'readers',
    summary: "A message's file or its thumbnail: what it is, for its download (GET /api/v1/attachments/{id}); an audited read (R15), read like its conversation (R8, R13).",
    input: commands.readAttachment,
    output: AttachmentRef.extend({ emergency: z.boolean() }),
    reads: (a) => ({ attachment: record('attachments', a.attachmentId) }),
    then: (_a, _me, { attachment }) => ({
      conversation: record('conversations', attachment?.conversationId || undefined),
      network: attachment?.conversationId
        ? follow('networks', { store: 'conversations', id: attachment.conversationId, field: 'networkId' })
        : record('networks', undefined),
    }),
    locks: () => [],
    example: (fx) => ({ attachmentId: fx.attachmentId }),
  }).decidedBy('readAttachment'),
};

/**
 * R20: taking in an upload, after the adapter read its type from its bytes and cleaned it (server/attachments,
 * lib/backend/local/files.ts). Not in the port's registry: no caller may name a file's type, size or hash
 * itself, so it has no route of its own; the adapters run it with the service they build for uploads.
 */
export const uploadOperations = {
  uploadAttachment: operation({
    kind: 'command', access: 'everyone', replay: 'attachments',
    summary: 'Take in a checked and cleaned upload as its uploader\'s (R20, R13).',
    input: commands.uploadAttachment,
    output: AttachmentRef,
    reads: (a) => ({ existing: record('attachments', a.attachmentId) }),
    locks: (a) => [`attachment:${a.attachmentId}`],
    example: (fx) => ({
      attachmentId: fx.unique, name: 'foto.jpg', type: 'image/jpeg', kind: 'photo', bytes: 1000, sha256: '0'.repeat(64),
    }),
  }).decidedBy('uploadAttachment'),
};
