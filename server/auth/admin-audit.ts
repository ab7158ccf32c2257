import type { Context } from 'hono';
import { SOURCE_HEADER } from '../../lib/backend/http/wire';
import { adminAudit, type Actor, type Professional, type Put, type Source } from '../../lib/domain';
import type { ServerContext } from '../context';
import type { SqlTx } from '../db/sql-store';
import { CHANNEL, notifyPayloads } from '../events/hub';
import type { SqlRunner } from '../db';

const SOURCES: readonly Source[] = ['sidepanel', 'widget', 'server'];

/** The actor of an auth route, as operations have one: the person, their organisation, where the request came from. */
export async function actorOf(c: Context, tx: SqlTx, me: Professional): Promise<Actor | undefined> {
  const org = await tx.get('organisations', me.orgId);
  if (!org) return undefined;
  const header = c.req.header(SOURCE_HEADER) as Source | undefined;
  return { professional: me, org, source: header && SOURCES.includes(header) ? header : 'server' };
}

/**
 * R15: the audit record of an administrative change made through an auth
 * route (sign-in policy, second factor), in the domain's shape, put in the
 * transaction that makes the change.
 */
export function auditPut(ctx: ServerContext, actor: Actor, facts: Parameters<typeof adminAudit>[2]): Put {
  return adminAudit(actor, { now: ctx.now().toISOString(), newId: () => crypto.randomUUID() }, facts);
}

/** Closes these people's live streams on every process, when (and only if) the transaction commits. */
export async function closeStreams(sql: SqlRunner, people: string[]) {
  if (!people.length) return;
  for (const payload of notifyPayloads([{ to: people, event: { type: 'revoked' } }])) await sql.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
}
