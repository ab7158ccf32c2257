import { ATTACHMENT_LIMITS, refOf, type Attachment, type AttachmentRef } from '../attachment';
import { readsContents } from '../capabilities';
import type { Network } from '../care';
import type { Command } from '../commands';
import type { Conversation } from '../conversation';
import { accept, audit, put, refuse, refuseAudited, type Actor, type Decision, type Env, type Put, type Refusal } from '../kernel';
import { readAccess } from './access';

/**
 * R20: a file the adapter took in (its type read from its bytes, a photo cleaned of its metadata) is its
 * uploader's until a message takes it. R13: files are client data, so only care professionals send them.
 * The id comes from the uploader and the upload's idempotency key: a retried upload is the same file,
 * and the service answers it with the first one.
 */
export function uploadAttachment(
  actor: Actor, env: Env, cmd: Command<'uploadAttachment'>, ctx: { existing?: Attachment },
): Decision<AttachmentRef> {
  if (!readsContents(actor.professional)) return refuse('contents-restricted');
  if (ctx.existing) return refuse('conflict');
  const { attachmentId, ...file } = cmd;
  const stored: Attachment = {
    ...file, id: attachmentId, uploaderId: actor.professional.id, orgId: actor.org.id, createdAt: env.now, messageId: '', conversationId: '',
  };
  return accept(refOf(stored), [put('attachments', stored)]);
}

/**
 * R20 with R8, R13, R15: a message's file is read exactly like its conversation: by its participants
 * (a later member of a shared inbox is none), by an account manager without a care role only through the
 * emergency step, and each download or thumbnail view is an audit record. An upload no message took yet
 * is nobody's to fetch (its uploader still has it on their own device).
 */
export function readAttachment(
  actor: Actor, env: Env, cmd: Command<'readAttachment'>,
  ctx: { attachment?: Attachment; conversation?: Conversation; network?: Network },
): Decision<AttachmentRef & { emergency: boolean }> {
  const action = cmd.variant === 'thumbnail' ? 'viewThumbnail' : 'downloadAttachment';
  const refused = (r: Refusal) => refuseAudited(r.code, actor, env, { event: 'read', action, objectType: 'attachment', objectId: cmd.attachmentId });
  const { attachment, conversation, network } = ctx;
  if (!attachment?.messageId || !conversation || !network || attachment.conversationId !== conversation.id) return refused(refuse('not-found'));
  const access = readAccess(actor, conversation, network, cmd.emergencyReason);
  if ('ok' in access) return refused(access);
  return accept({ ...refOf(attachment), emergency: access.emergency }, [
    audit(actor, env, {
      event: 'read', action, clientId: conversation.clientId, objectType: 'attachment', objectId: attachment.id,
      emergency: access.emergency, reason: access.emergency ? cmd.emergencyReason : undefined,
    }),
  ]);
}

/**
 * R20: the files a new message takes: at most five, each uploaded by its author and not taken by another
 * message (a retry of the same message takes them again, unchanged).
 */
export function takeAttachments(
  actor: Actor, ids: readonly string[], found: readonly Attachment[], message: { id: string; conversationId: string },
): Refusal | { refs: AttachmentRef[]; puts: Put[] } {
  const wanted = [...new Set(ids)];
  if (wanted.length > ATTACHMENT_LIMITS.perMessage) return refuse('too-many-files');
  const refs: AttachmentRef[] = [];
  const puts: Put[] = [];
  for (const id of wanted) {
    const a = found.find((f) => f.id === id);
    if (!a || a.uploaderId !== actor.professional.id) return refuse('not-found', 'attachment');
    if (a.messageId && a.messageId !== message.id) return refuse('attachment-taken');
    refs.push(refOf(a));
    puts.push(put('attachments', { ...a, messageId: message.id, conversationId: message.conversationId }));
  }
  return { refs, puts };
}
