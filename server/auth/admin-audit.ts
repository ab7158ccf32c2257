import type { Context } from 'hono';
import { adminAudit, type Actor, type Professional, type Put } from '../../lib/domain';
import { requestSource } from '../api/source';
import type { ServerContext } from '../context';
import type { Tx } from '../../lib/service/store';
import { CHANNEL, notifyPayloads } from '../events/hub';
import type { SqlRunner } from '../db';

/** The actor of an auth route, as operations have one: the person, their organisation, where the request came from. */
export async function actorOf(ctx: ServerContext, c: Context, tx: Pick<Tx, 'get'>, me: Professional): Promise<Actor | undefined> {
  const org = await tx.get('organisations', me.orgId);
  if (!org) return undefined;
  return { professional: me, org, source: requestSource(c, ctx.config.publicUrl) };
}

/**
 * R15: the audit record of an administrative change made through an auth
 * route (sign-in policy, second factor), in the domain's shape, put in the
 * transaction that makes the change.
 */
export function auditPut(ctx: ServerContext, actor: Actor, facts: Parameters<typeof adminAudit>[2]): Put {
  const now = ctx.now();
  return adminAudit(actor, { now: now.toISOString(), newId: () => crypto.randomUUID(), justAfter: (i) => new Date(Date.parse(i) + 1).toISOString() }, facts);
}

/** Closes these people's live streams on every process, when (and only if) the transaction commits. */
export async function closeStreams(sql: SqlRunner, people: string[]) {
  if (!people.length) return;
  for (const payload of notifyPayloads([{ to: people, event: { type: 'revoked' } }])) await sql.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
}
