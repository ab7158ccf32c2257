import type { StoreName } from '../domain';

/**
 * The indexes every store keeps, by name. An index is a list of fields (a
 * compound key, sorted in that order) or one array field indexed per entry.
 * Both adapters build theirs from this table, so a query that works in
 * training mode works on the server, and operations name their reads by it.
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
  // R20: uploads no message took ('') are found by age, to be removed after a day.
  attachments: { byMessage: ['messageId', 'createdAt'] },
  // Each is read by its id (person and conversation): no index.
  exportMarks: {},
} as const satisfies { [K in StoreName]: Record<string, readonly string[] | { multi: string }> };

export const STORE_NAMES = Object.keys(INDEXES) as StoreName[];
export type IndexName<K extends StoreName> = keyof (typeof INDEXES)[K] & string;
export type IndexDef = readonly string[] | { readonly multi: string };
export const indexDef = (store: StoreName, index: string): IndexDef | undefined => (INDEXES[store] as Record<string, IndexDef>)[index];
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
