import type { Entities, Put, StoreName } from '../domain';

/**
 * The indexes every store keeps, by name. An index is a list of fields (a
 * compound key, sorted in that order) or one array field indexed per entry.
 * Both adapters build theirs from this table, so a query that works in
 * training mode works on the server.
 */
export const INDEXES = {
  organisations: {},
  teams: { byOrg: ['orgId'] },
  professionals: { byEmail: ['email'], byOrg: ['orgId'] },
  inboxes: { byOrg: ['orgId'], byTeam: ['teamId'] },
  clients: { byBsn: ['bsn'], byOrg: { multi: 'orgIds' } },
  consentTexts: { byVersion: ['version'] },
  consents: { byClient: ['clientId', 'recordedAt'] },
  networks: { byClient: ['clientId', 'createdAt'], byOrg: { multi: 'orgIds' } },
  conversations: { byNetwork: ['networkId', 'createdAt'] },
  messages: { byConversation: ['conversationId', 'createdAt', 'id'] },
  inboxItems: {
    byList: ['ownerId', 'via', 'archived', 'lastActivity', 'id'],
    byUnread: ['ownerId', 'via', 'archived', 'unread'],
    byConversation: ['conversationId'],
  },
  audit: { byClient: ['clientId', 'at', 'id'], byOrg: ['orgId', 'at', 'id'] },
} as const satisfies { [K in StoreName]: Record<string, readonly string[] | { multi: string }> };

export type IndexName<K extends StoreName> = keyof (typeof INDEXES)[K] & string;
export type KeyPart = string | number;

/**
 * A range over an index: `equals` fixes the leading fields; `lower`/`upper`
 * bound the fields after them (exclusive unless `inclusive`). Results come
 * sorted by the index, descending when `reverse`.
 */
export interface IndexQuery {
  equals: KeyPart[];
  lower?: KeyPart[];
  upper?: KeyPart[];
  inclusive?: boolean;
  reverse?: boolean;
  limit?: number;
}

/** One transaction: everything a command reads and writes, all or nothing. */
export interface Tx {
  get<K extends StoreName>(store: K, id: string): Promise<Entities[K] | undefined>;
  query<K extends StoreName>(store: K, index: IndexName<K>, q: IndexQuery): Promise<Entities[K][]>;
  count<K extends StoreName>(store: K, index: IndexName<K>, q: IndexQuery): Promise<number>;
  all<K extends StoreName>(store: K, limit?: number): Promise<Entities[K][]>;
  put(p: Put): Promise<void>;
}

/**
 * The storage port: IndexedDB in the browser, PostgreSQL on the server.
 * `fn` must await nothing but this transaction's calls (IndexedDB commits a
 * transaction that waits on anything else).
 */
export interface Store {
  transaction<T>(mode: 'read' | 'write', fn: (tx: Tx) => Promise<T>): Promise<T>;
}
