import type { SharedInbox } from './organisation';

export interface RecipientSuggestion { proposedInboxId: string | null; inboxes: SharedInbox[] }

/**
 * R17: the sender cannot know who at an organisation new to the network will
 * pick a message up, so its primary shared inbox is proposed; an
 * organisation already in the network gets no proposal. Its shared inboxes
 * come primary first, then by name. Free of zod, for the screens too.
 */
export function recipientSuggestion(inboxes: readonly SharedInbox[], orgId: string, networkOrgIds: readonly string[]): RecipientSuggestion {
  const own = inboxes.filter((i) => i.orgId === orgId)
    .sort((a, b) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name));
  return { proposedInboxId: networkOrgIds.includes(orgId) ? null : (own[0]?.id ?? null), inboxes: own };
}
