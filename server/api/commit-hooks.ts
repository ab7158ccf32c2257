import type { Put } from '../../lib/domain';
import type { CommitOptions } from '../../lib/service/store';
import { revokeSessionsWith } from '../auth/sessions';
import type { ServerConfig } from '../config';
import { providerOnly } from '../auth/oidc/password-policy';
import type { Batch, CommitHooks } from '../db/sql-store';
import { CHANNEL, notifyPayloads, type Envelope } from '../events/hub';
import { invitation } from '../mail/invitations';
import { notePendingWith } from '../mail/notify';
import { cancelForWith, queueMailWith } from '../mail/queue';

/**
 * Who hears of a write: list owners of changed rows, participants of changed
 * conversations, a deactivated account's own streams. Never contents, and
 * never the one who acted: they know, and telling them would only make their
 * panels read again what they just wrote.
 */
export function eventsFor(puts: Put[], except: string): Envelope[] {
  const out = new Map<string, Envelope>();
  const add = (person: string, event: Envelope['event']) => {
    if (person === except && event.type !== 'revoked') return;
    const k = JSON.stringify(event);
    const env = out.get(k) ?? { to: [], event };
    if (!env.to.includes(person)) env.to.push(person);
    out.set(k, env);
  };
  // One event per person and conversation: a participant told that the conversation changed reads its lists
  // too when it is not the one open, so a list row's change of the same conversation needs no event of its own.
  const toldOfConversation = new Set<string>();
  for (const p of puts) {
    if (p.store !== 'conversations') continue;
    for (const part of p.value.participants) {
      if (part.kind !== 'professional') continue;
      add(part.id, { type: 'conversation', conversationId: p.value.id });
      toldOfConversation.add(`${part.id}\u0000${p.value.id}`);
    }
  }
  for (const p of puts) {
    if (p.store === 'inboxItems' && !toldOfConversation.has(`${p.value.ownerId}\u0000${p.value.conversationId}`)) {
      add(p.value.ownerId, { type: 'inbox', via: p.value.via, conversationId: p.value.conversationId });
    }
    if (p.store === 'professionals' && !p.value.active) add(p.value.id, { type: 'revoked' });
  }
  return [...out.values()];
}

/**
 * What the server does with an operation's commit beside storing it, in the
 * same transaction: live events (NOTIFY, delivered only if it commits), notes
 * for notification mails, and the decision's effects (the invitation of a new
 * account is queued with it; a deactivated one loses its sessions, links and
 * queued mail).
 */
export function serverCommitHooks(now: () => Date, config: Pick<ServerConfig, 'publicUrl' | 'totpKey' | 'oidc'>): CommitHooks {
  return {
    fold(batch: Batch, puts: Put[], options: CommitOptions, session: string | undefined) {
      if (options.announceExcept !== undefined) {
        for (const payload of notifyPayloads(eventsFor(puts, options.announceExcept))) {
          batch.selects.push(`pg_notify(${batch.param(CHANNEL)}, ${batch.param(payload)})`);
        }
        notePendingWith(batch, puts, options.announceExcept, now());
      }
      for (const e of options.effects ?? []) {
        if (e.kind === 'opened' && session !== undefined) {
          batch.cte(`INSERT INTO session_opened (session_hash, conversation_id) SELECT ${batch.param(session)}, ${batch.param(e.conversationId)} WHERE ${batch.condition} ON CONFLICT DO NOTHING`);
        }
        if (e.kind === 'signedOutEverywhere') {
          revokeSessionsWith(batch, e.professionalId, now());
          cancelForWith(batch, e.professionalId);
        }
        if (e.kind === 'accountCreated') {
          const person = { id: e.professionalId, name: e.name, email: e.email, orgId: e.orgId };
          const invite = invitation(config, now(), person, e.orgName, 'nl', providerOnly(config.oidc, e.orgId));
          const p = (v: unknown) => batch.param(v);
          batch.cte(`INSERT INTO account_setup (professional_id, created_by, created_at, link_issued_at, token_hash, token_expires_at)
            SELECT ${p(e.professionalId)}, ${p(options.actorId ?? '')}, ${p(now().toISOString())}, ${p(now().toISOString())}, ${p(invite.tokenHash)}, ${p(invite.expiresAt)}
            WHERE ${batch.condition} RETURNING 1`);
          queueMailWith(batch, config.totpKey, now(), invite.mail);
        }
      }
    },
  };
}
