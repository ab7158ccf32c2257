import type { Result } from '../../lib/backend/result';
import type { Store, Tx } from '../../lib/backend/store';
import type { Put } from '../../lib/domain';
import type { SqlRunner, WriteScope } from '../db';
import { Batch, type SqlTx } from '../db/sql-store';
import { CHANNEL, notifyPayloads, type Envelope } from '../events/hub';
import { revokeSessions } from '../auth/sessions';
import type { ServerContext } from '../context';

export interface Request {
  actorId: string;
  op: string;
  /** The Idempotency-Key, for commands. */
  key?: string;
  /** SHA-256 of op and body: the same key with another body is a conflict. */
  requestHash: string;
  /** What the command may touch, for the write locks (write-scope.ts); none: it runs alone. */
  scope?: WriteScope;
}

/** Who hears of a write: list owners of changed rows, participants of changed conversations. Never contents. */
export function eventsFor(puts: Put[]): Envelope[] {
  const out = new Map<string, Envelope>();
  const add = (person: string, event: Envelope['event']) => {
    const k = JSON.stringify(event);
    const env = out.get(k) ?? { to: [], event };
    if (!env.to.includes(person)) env.to.push(person);
    out.set(k, env);
  };
  for (const p of puts) {
    if (p.store === 'inboxItems') add(p.value.ownerId, { type: 'inbox', via: p.value.via, conversationId: p.value.conversationId });
    if (p.store === 'conversations') {
      for (const part of p.value.participants) {
        if (part.kind === 'professional') add(part.id, { type: 'conversation', conversationId: p.value.id });
      }
    }
    if (p.store === 'professionals' && !p.value.active) add(p.value.id, { type: 'revoked' });
  }
  return [...out.values()];
}

/**
 * The Store a command runs on: the shared SQL store, plus, in the same SQL
 * transaction, what only the server does around the domain's writes:
 *   - idempotency: a replayed key gets the first answer, another body under
 *     the same key is a `conflict`, and the answer is stored with the write;
 *   - R12: deactivating an account revokes its sessions;
 *   - a created account gets its (not yet issued) activation record;
 *   - live events, sent with NOTIFY so they leave only on commit.
 * The domain's writes, the idempotency answer and the events go to the
 * database as one statement.
 * A refused command writes nothing here either.
 */
export function commandStore(ctx: ServerContext, req: Request): Store & { replayed: boolean } {
  const self = {
    replayed: false,
    transaction<T>(mode: 'read' | 'write', fn: (tx: Tx) => Promise<T>): Promise<T> {
      return ctx.store.transactionWith(mode, async (tx, sql) => {
        self.replayed = false;
        if (mode === 'read') return fn(tx);
        if (req.key) {
          const prior = (await sql.query<{ request_hash: string; answer: string }>(
            'SELECT request_hash, answer FROM idempotency WHERE actor_id = $1 AND key = $2', [req.actorId, req.key],
          ))[0];
          if (prior) {
            if (prior.request_hash !== req.requestHash) return { ok: false, code: 'conflict', detail: 'idempotency-key' } as T;
            self.replayed = true;
            return { ok: true, value: JSON.parse(prior.answer) } as T;
          }
        }
        const puts: Put[] = [];
        const result = await fn({
          ...tx,
          put: async (p) => {
            puts.push(p);
            await tx.put(p);
          },
        });
        const r = result as Result<unknown>;
        if (r.ok) await afterWrite(ctx, sql, tx, req, puts, r.value);
        return result;
      }, req.scope);
    },
  };
  return self;
}

async function afterWrite(ctx: ServerContext, sql: SqlRunner, tx: SqlTx, req: Request, puts: Put[], value: unknown) {
  const now = ctx.now();
  const batch = new Batch();
  if (req.key) {
    const p = (v: unknown) => batch.param(v);
    batch.ctes.push(
      `INSERT INTO idempotency (actor_id, key, op, request_hash, answer, created_at) VALUES (${p(req.actorId)}, ${p(req.key)}, ${p(req.op)}, ${p(req.requestHash)}, ${p(JSON.stringify(value ?? null))}, ${p(now.toISOString())})`,
    );
  }
  for (const payload of notifyPayloads(eventsFor(puts))) batch.selects.push(`pg_notify(${batch.param(CHANNEL)}, ${batch.param(payload)})`);
  await tx.flush(batch);
  // Rare (deactivation, a new account): not worth folding into the statement above.
  for (const p of puts) {
    if (p.store === 'professionals' && !p.value.active) await revokeSessions(sql, p.value.id, now);
  }
  if (req.op === 'createAccount') {
    const created = value as { id: string };
    await sql.query('INSERT INTO account_setup (professional_id, created_by, created_at) VALUES ($1, $2, $3)', [
      created.id, req.actorId, now.toISOString(),
    ]);
  }
}
