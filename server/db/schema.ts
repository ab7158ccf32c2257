import { z } from 'zod';
import {
  Attachment, AuditEvent, Client, Consent, ConsentText, Conversation, InboxItem, Message, Network, Organisation, Professional,
  SharedInbox, Team, ExportMark, type StoreName,
} from '../../lib/domain';
import { INDEXES, indexDef, STORE_NAMES, type IndexDef } from '../../lib/contract/stores';
import { ident } from './sql';

/** The zod schema of what each store holds: tells which index fields are numbers. */
export const ENTITY_SCHEMAS: { [K in StoreName]: z.ZodType } = {
  organisations: Organisation, teams: Team, professionals: Professional, inboxes: SharedInbox, clients: Client,
  consentTexts: ConsentText, consents: Consent, networks: Network, conversations: Conversation, messages: Message,
  inboxItems: InboxItem, audit: AuditEvent, attachments: Attachment,
  exportMarks: ExportMark,
};

export const STORES = STORE_NAMES;
type Def = IndexDef;
export { indexDef };

export const indexDefs = (store: StoreName) => Object.entries(INDEXES[store]) as [string, Def][];

const numericCache = new Map<StoreName, Set<string>>();
function isNumeric(prop: Record<string, unknown> | undefined): boolean {
  if (!prop) return false;
  if (prop.type === 'number' || prop.type === 'integer') return true;
  const alts = (prop.anyOf ?? prop.oneOf) as Record<string, unknown>[] | undefined;
  return !!alts?.length && alts.every(isNumeric);
}
/** Fields of a store whose values are numbers: they sort as numbers, everything else as text (code-point order). */
export function numericFields(store: StoreName): Set<string> {
  let set = numericCache.get(store);
  if (!set) {
    const json = z.toJSONSchema(ENTITY_SCHEMAS[store], { io: 'output', unrepresentable: 'any' }) as {
      properties?: Record<string, Record<string, unknown>>;
    };
    set = new Set(Object.entries(json.properties ?? {}).filter(([, p]) => isNumeric(p)).map(([k]) => k));
    numericCache.set(store, set);
  }
  return set;
}

/**
 * The SQL expression of one index field. The same text is used in the
 * index definition and in queries, so the planner matches them. Text
 * compares in "C" collation, like IndexedDB's code-unit order.
 */
export function fieldExpr(store: StoreName, field: string): string {
  if (field === 'id') return 'id';
  const lit = `'${field.replace(/'/g, "''")}'`;
  return numericFields(store).has(field) ? `((doc->>${lit})::numeric)` : `((doc->>${lit}) COLLATE "C")`;
}
export const paramCast = (store: StoreName, field: string) => (numericFields(store).has(field) ? '::numeric' : '::text');

export const sideTable = (store: StoreName, index: string) => `${store}__${index}`;
export const indexName = (store: StoreName, index: string) => `${store}__${index}`;

/** DDL for one store: its table, its indexes (compound btree, or a side table kept by a trigger for `multi`). */
export function storeDdl(store: StoreName): string {
  const t = ident(store);
  const out = [`CREATE TABLE ${t} (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL);`];
  for (const [name, def] of indexDefs(store)) {
    if (Array.isArray(def)) {
      const cols = (def as string[]).map((f) => fieldExpr(store, f));
      // Ties sort by id (as in IndexedDB); a unique index (as byEmail is there too) needs no tie-break.
      const unique = name === 'byEmail';
      if (!unique && def[def.length - 1] !== 'id') cols.push('id');
      out.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${ident(indexName(store, name))} ON ${t} (${cols.join(', ')});`);
    } else {
      const field = (def as { multi: string }).multi.replace(/'/g, "''");
      const side = ident(sideTable(store, name));
      const fn = ident(`${sideTable(store, name)}_sync`);
      out.push(
        `CREATE TABLE ${side} (key text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, PRIMARY KEY (key, id));`,
        `CREATE INDEX ${ident(`${sideTable(store, name)}_id`)} ON ${side} (id);`,
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ${side} WHERE id = NEW.id;
  INSERT INTO ${side} (key, id)
    SELECT DISTINCT k, NEW.id FROM jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(NEW.doc->'${field}') = 'array' THEN NEW.doc->'${field}' ELSE '[]'::jsonb END) AS k;
  RETURN NULL;
END $$;`,
        `CREATE TRIGGER ${ident(`${sideTable(store, name)}_sync`)} AFTER INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}();`,
      );
    }
  }
  return out.join('\n');
}

/** The whole first migration: every store, and the audit log append-only (R15). */
export function storesMigrationSql(): string {
  return [
    '-- Generated from INDEXES in lib/contract/stores.ts by `npx tsx server/db/generate-schema.ts`.',
    '-- One table per store; index fields are expressions over the JSON document.',
    ...STORES.map(storeDdl),
    `CREATE FUNCTION nz_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;`,
    `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON ${ident('audit')} FOR EACH ROW EXECUTE FUNCTION nz_append_only();`,
    `CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON ${ident('audit')} FOR EACH STATEMENT EXECUTE FUNCTION nz_append_only();`,
    '',
  ].join('\n');
}

/** Every index name INDEXES requires, for the check that migrations kept up. */
export function expectedIndexes(): { table: string; name: string }[] {
  return STORES.flatMap((store) => indexDefs(store).map(([name, def]) =>
    Array.isArray(def) ? { table: store, name: indexName(store, name) } : { table: sideTable(store, name), name: `${sideTable(store, name)}_pkey` }));
}
