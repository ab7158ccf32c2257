import { useState } from 'preact/hooks';
import type { CareModel } from '../lib/app/care';
import type { RecipientSuggestion } from '../lib/domain';

/** A set with one id added or taken out. */
export const toggled = (list: readonly string[], id: string, on: boolean) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id));

/**
 * The shared inboxes chosen to write to at one organisation, starting from
 * the product's proposal (R17: an organisation new to the network gets its
 * primary shared inbox proposed), with each inbox's guidelines (R16). The
 * new-conversation screen and the widget's "write to us" both choose so.
 */
export function useInboxChoice(care: CareModel) {
  const [suggestion, setSuggestion] = useState<RecipientSuggestion | null>(null);
  const [inboxIds, setInboxIds] = useState<string[]>([]);
  return {
    suggestion,
    inboxIds,
    toggle: (id: string, on: boolean) => setInboxIds((list) => toggled(list, id, on)),
    reset() {
      setSuggestion(null);
      setInboxIds([]);
    },
    /**
     * Asks which inboxes `orgId` has, and chooses the proposed one. `only`: it becomes the one chosen, and
     * without a proposal (not a first contact) the organisation's primary inbox is, which the writer can change.
     */
    async suggest(orgId: string, only = false) {
      setSuggestion(null);
      const s = await care.suggest(orgId);
      setSuggestion(s);
      if (only) {
        const first = s?.proposedInboxId ?? s?.inboxes.find((i) => i.primary)?.id ?? s?.inboxes[0]?.id;
        setInboxIds(first ? [first] : []);
      } else if (s?.proposedInboxId) {
        setInboxIds((list) => toggled(list, s.proposedInboxId!, true));
      }
    },
  };
}
