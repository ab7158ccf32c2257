import type { Result } from '../../lib/backend/result';
import type { Store, Tx } from '../../lib/backend/store';
import type { Put } from '../../lib/domain';
import type { SqlRunner, WriteScope } from '../db';
import { Batch, type Preload, type SqlTx } from '../db/sql-store';
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
  /** What it will read, fetched ahead in one round trip (preload.ts). */
  preload?: Preload[];
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
 * database as one statement, which writes them only if the key is new: a
 * command is not looked up before it runs (a round trip each), but a replay
 * runs, is kept from writing, and then answers what is stored under its key.
 * A refused command writes nothing here either.
 */
export function commandStore(ctx: ServerContext, req: Request): Store & { replayed: boolean } {
  const self = {
    replayed: false,
    transaction<T>(mode: 'read' | 'write', fn: (tx: Tx) => Promise<T>): Promise<T> {
      return ctx.store.transactionWith(mode, async (tx, sql) => {
        self.replayed = false;
        await tx.preload(req.preload ?? []);
        if (mode === 'read') return fn(tx);
        const puts: Put[] = [];
        const result = await fn({
          ...tx,
          put: async (p) => {
            puts.push(p);
            await tx.put(p);
          },
        });
        const r = result as Result<unknown>;
        // A refusal may be a replay's (the first attempt changed what it decides on): the stored answer counts.
        if (!r.ok) return ((req.key && (await replay(sql, req))) || result) as T;
        if (tx.pending !== puts.length) throw new Error('a command read after it wrote: its writes escaped the idempotency check');
        if (await afterWrite(ctx, sql, tx, req, puts, r.value)) return result;
        const prior = await replay(sql, req);
        if (!prior) throw new Error('idempotency key taken, but no answer stored');
        return prior as T;
      }, req.scope);
    },
  };
  /** The answer stored under the request's key: the first answer, or a conflict when that was another request. */
  async function replay(sql: SqlRunner, r: Request): Promise<Result<unknown> | undefined> {
    const prior = (await sql.query<{ request_hash: string; answer: string }>(
      'SELECT request_hash, answer FROM idempotency WHERE actor_id = $1 AND key = $2', [r.actorId, r.key],
    ))[0];
    if (!prior) return undefined;
    if (prior.request_hash !== r.requestHash) return { ok: false, code: 'conflict', detail: 'idempotency-key' };
    self.replayed = true;
    return { ok: true, value: JSON.parse(prior.answer) };
  }
  return self;
}

/** Writes the command's puts, answer and events; false (nothing written) when its key was taken already. */
async function afterWrite(ctx: ServerContext, sql: SqlRunner, tx: SqlTx, req: Request, puts: Put[], value: unknown): Promise<boolean> {
  const now = ctx.now();
  const batch = new Batch();
  if (req.key) {
    const p = (v: unknown) => batch.param(v);
    // DO NOTHING waits for a concurrent insert of the key to commit or roll back, so exactly one of them writes.
    const inserted = batch.cte(
      `INSERT INTO idempotency (actor_id, key, op, request_hash, answer, created_at) VALUES (${p(req.actorId)}, ${p(req.key)}, ${p(req.op)}, ${p(req.requestHash)}, ${p(JSON.stringify(value ?? null))}, ${p(now.toISOString())}) ON CONFLICT DO NOTHING RETURNING 1`,
    );
    batch.condition = `EXISTS (SELECT 1 FROM ${inserted})`;
  }
  for (const payload of notifyPayloads(eventsFor(puts))) batch.selects.push(`pg_notify(${batch.param(CHANNEL)}, ${batch.param(payload)})`);
  if (!(await tx.flush(batch))) return false;
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
  return true;
}
