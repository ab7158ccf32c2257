import { demoRegion } from '../../../lib/service/demo-region';

/**
 * Bulk-loads conversations, their messages and list rows straight into the
 * server's tables (server/db/migrations/001_stores.sql: one jsonb document
 * per row, indexes on expressions over it), with INSERT … SELECT over
 * generate_series, so a million messages take seconds, not hours.
 *
 * Conversation k (`bulk-c-k`) has MESSAGES_PER_CONVERSATION messages, two
 * participants (the measured person, and one of nine colleagues in turn)
 * and a row in each one's own list; every tenth is archived, every third
 * unread. The documents are what the domain writes (lib/domain/conversation.ts).
 */
export const MESSAGES_PER_CONVERSATION = 10;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `ARRAY[${xs.map(lit).join(',')}]`;

export interface BulkPlan {
  /** Whose inbox is measured: a participant of every bulk conversation. */
  ownerId: string;
  networkId: string;
  clientId: string;
}

export async function bulkSql(plan: BulkPlan, fromConversation: number, toConversation: number): Promise<string[]> {
  const puts = await demoRegion(new Date(0).toISOString());
  const people = puts.flatMap((p) => (p.store === 'professionals' ? [p.value] : []));
  const orgs = new Map(puts.flatMap((p) => (p.store === 'organisations' ? [[p.value.id, p.value.name] as const] : [])));
  const owner = people.find((p) => p.id === plan.ownerId)!;
  const others = people.filter((p) => p.isCareProfessional && p.active !== false && p.id !== plan.ownerId);
  const ids = arr(others.map((p) => p.id));
  const names = arr(others.map((p) => p.name));
  const roles = arr(others.map((p) => p.role));
  const orgNames = arr(others.map((p) => orgs.get(p.orgId) ?? ''));
  const n = others.length;
  const iso = (ts: string) => `to_char(${ts}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const created = `(timestamp '2024-01-01 00:00:00' + k * interval '1 minute')`;
  const last = `(${created} + ${MESSAGES_PER_CONVERSATION - 1} * interval '1 second')`;
  const other = (a: string) => `(${a})[1 + (k % ${n})]`;
  const range = `generate_series(${fromConversation}, ${toConversation - 1}) AS k`;
  const conv = `'bulk-c-' || k`;
  const participant = (id: string) => `jsonb_build_object('kind', 'professional', 'id', ${id}, 'addedBy', ${lit(owner.id)}, 'addedAt', ${iso(created)})`;
  const item = (ownerExpr: string, archived: string, unread: string) => `
    INSERT INTO "inboxItems" (id, doc)
    SELECT ${ownerExpr} || '|-|' || ${conv}, jsonb_build_object(
      'id', ${ownerExpr} || '|-|' || ${conv}, 'ownerId', ${ownerExpr}, 'via', '', 'conversationId', ${conv},
      'networkId', ${lit(plan.networkId)}, 'clientId', ${lit(plan.clientId)}, 'subject', 'Overleg ' || k,
      'lastActivity', ${iso(last)}, 'archived', ${archived}, 'unread', ${unread}, 'openTask', false)
    FROM ${range}`;
  return [
    `INSERT INTO conversations (id, doc)
     SELECT ${conv}, jsonb_build_object(
       'id', ${conv}, 'networkId', ${lit(plan.networkId)}, 'clientId', ${lit(plan.clientId)}, 'subject', 'Overleg ' || k,
       'createdBy', ${lit(owner.id)}, 'createdAt', ${iso(created)}, 'lastActivity', ${iso(last)},
       'participants', jsonb_build_array(${participant(lit(owner.id))}, ${participant(other(ids))}),
       'inboxes', '[]'::jsonb)
     FROM ${range}`,
    `INSERT INTO messages (id, doc)
     SELECT 'bulk-m-' || k || '-' || j, jsonb_build_object(
       'id', 'bulk-m-' || k || '-' || j, 'conversationId', ${conv},
       'authorId', CASE WHEN j % 2 = 0 THEN ${lit(owner.id)} ELSE ${other(ids)} END,
       'authorKind', 'professional',
       'authorName', CASE WHEN j % 2 = 0 THEN ${lit(owner.name)} ELSE ${other(names)} END,
       'authorRole', CASE WHEN j % 2 = 0 THEN ${lit(owner.role)} ELSE ${other(roles)} END,
       'authorOrgName', CASE WHEN j % 2 = 0 THEN ${lit(orgs.get(owner.orgId) ?? '')} ELSE ${other(orgNames)} END,
       'text', 'Bericht ' || j || ' in overleg ' || k || ': mevrouw is gisteren bezocht, de wond geneest goed, graag overleg over de medicatie.',
       'createdAt', ${iso(`(${created} + j * interval '1 second')`)})
     FROM ${range}, generate_series(0, ${MESSAGES_PER_CONVERSATION - 1}) AS j`,
    item(lit(owner.id), `CASE WHEN k % 10 = 0 THEN 1 ELSE 0 END`, `CASE WHEN k % 3 = 0 THEN 1 ELSE 0 END`),
    item(other(ids), '0', '1'),
  ];
}

/** Runs one SQL text (several statements allowed) and returns its rows. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

const BULK_TABLES = ['messages', 'conversations', 'inboxItems'];

/**
 * Loads conversations [from, to) as bulkSql describes. A large load drops
 * the tables' secondary indexes first and builds them again afterwards,
 * as a restore does (the same definitions, read back from the catalogue),
 * which is several times faster than growing them row by row; then VACUUM ANALYZE.
 */
export async function bulkLoad(run: RunSql, plan: BulkPlan, from: number, to: number, options: { rebuildAbove?: number; workMem?: string } = {}) {
  const rebuild = (to - from) * MESSAGES_PER_CONVERSATION > (options.rebuildAbove ?? 50_000);
  let defs: { name: string; def: string }[] = [];
  if (rebuild) {
    defs = (await run(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
        WHERE indrelid IN (${BULK_TABLES.map((t) => `'"${t}"'::regclass`).join(', ')}) AND NOT indisprimary`,
    )) as { name: string; def: string }[];
    for (const { name } of defs) await run(`DROP INDEX ${name}`);
  }
  for (const sql of await bulkSql(plan, from, to)) await run(sql);
  if (rebuild) {
    await run(`SET maintenance_work_mem = '${options.workMem ?? '256MB'}'`);
    for (const { def } of defs) await run(def);
  }
  // Vacuumed and analysed, as a database that has been running is: no autovacuum of the new rows during the measurement.
  for (const t of BULK_TABLES) await run(`VACUUM ANALYZE "${t}"`);
}
