import type { ClientContext, ReadResult } from './schema';

/** Which client's record each tab shows, as last read from it. */
export interface TabContexts {
  /** Stores what a tab's page gave; a page without a client clears the tab. */
  remember(tabId: number, result: ReadResult): void;
  /** The tab was closed or navigated away: what it showed no longer holds. */
  forget(tabId: number): void;
  contextFor(activeTabId: number | undefined): ClientContext | undefined;
}

export function createTabContexts(): TabContexts {
  const byTab = new Map<number, ClientContext>();
  return {
    remember(tabId, result) {
      if (result.ok) byTab.set(tabId, result.context);
      else byTab.delete(tabId);
    },
    forget(tabId) {
      byTab.delete(tabId);
    },
    contextFor(activeTabId) {
      return activeTabId === undefined ? undefined : byTab.get(activeTabId);
    },
  };
}

/** The parts of a network's client that identify them. */
export interface IdentifiedClient {
  name: string;
  birthDate: string;
  bsn?: string;
}

/** "Pietersen, Jan" and "jan  pietersen" are the same name; accents and dots do not count. */
export function normaliseName(name: string): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/\./g, ' ').toLowerCase();
  const [last, first] = plain.split(',', 2);
  const ordered = first === undefined ? plain : `${first} ${last}`;
  return ordered.replace(/\s+/g, ' ').trim();
}

/**
 * True when the record on screen is about someone else than the open
 * network's client. A BSN on both sides decides alone; otherwise name and
 * birth date must both agree. Errs towards warning: a false warning costs a
 * glance, a missed one a message in the wrong client's network.
 */
export function mismatch(context: Pick<ClientContext, 'name' | 'birthDate' | 'bsn'>, client: IdentifiedClient): boolean {
  if (context.bsn && client.bsn) return context.bsn !== client.bsn;
  return context.birthDate !== client.birthDate || normaliseName(context.name) !== normaliseName(client.name);
}
