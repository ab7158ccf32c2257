import type { PendingMessage } from '../lib/app/conversation';
import type { Message } from '../lib/domain';
import { AttachmentList, type LoadFile } from './Attachments';
import { useI18n } from './i18n';
import { MessageText } from './MessageText';
import { Time } from './ui';

export interface MessageListProps {
  messages: Message[];
  pending: PendingMessage[];
  meId: string;
  onRetry?: (id: string) => void;
  onDiscard?: (id: string) => void;
  /** R20: how a message's files are fetched (with the session; under the emergency step when opened so). */
  load: LoadFile;
}

export const MESSAGES_ID = 'conversation-messages';

/** Stored messages with author, role, organisation and time; then what is not stored yet, marked as such. */
export function MessageList({ messages, pending, meId, onRetry, onDiscard, load }: MessageListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const role = (r: string) => i18n.maybe(`role.${r}`) ?? r;
  return (
    <ol id={MESSAGES_ID} class="messages" tabIndex={-1} aria-label={t('conversation.messages')}>
      {messages.map((m) => (
        <li key={m.id} class={m.authorId === meId ? 'msg own' : 'msg'}>
          <article aria-label={t('conversation.messageBy', { name: m.authorName })}>
            <header class="msg-head">
              <span class="msg-author">{m.authorName}</span>
              <span class="msg-role">
                {m.authorKind === 'client' ? t('conversation.resident') : `${role(m.authorRole)}, ${m.authorOrgName}`}
              </span>
              <Time iso={m.createdAt} />
            </header>
            {m.text && <MessageText text={m.text} />}
            {m.attachments?.length ? <AttachmentList refs={m.attachments} load={load} /> : null}
          </article>
        </li>
      ))}
      {pending.map((p) => (
        <li key={p.id} class={`msg own pending ${p.state}`}>
          <article aria-label={t('conversation.pendingMessage')}>
            <header class="msg-head">
              <span class="msg-author">{t('conversation.you')}</span>
              <span class="msg-state">
                {p.state === 'sending' ? t('conversation.sending') : p.state === 'waiting' ? t('conversation.waiting') : t('conversation.notSent')}
              </span>
            </header>
            {p.text && <MessageText text={p.text} />}
            {p.files !== undefined && (
              <p class="small muted">
                {typeof p.files === 'number' ? t('attachment.waitingFiles', { count: p.files }) : p.files.join(', ')}
              </p>
            )}
            {p.files !== undefined && p.state === 'sending' && <progress aria-label={t('attachment.uploading')} />}
            {p.state === 'failed' && (
              <div class="msg-failed">
                {p.code && <p class="small">{i18n.refusal(p.code)}</p>}
                <div class="actions">
                  {onRetry && <button type="button" onClick={() => onRetry(p.id)}>{t('conversation.retry')}</button>}
                  {onDiscard && <button type="button" onClick={() => onDiscard(p.id)}>{t('conversation.discard')}</button>}
                </div>
              </div>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
