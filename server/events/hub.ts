import type { LiveEvent } from '../../lib/contract/wire';
import type { Db } from '../db';

/** What travels between processes: an event and who may receive it. `revoked` closes that person's streams. */
export type HubEvent = LiveEvent | { type: 'revoked' };
export interface Envelope { to: string[]; event: HubEvent }

export const CHANNEL = 'nz_events';
/** PostgreSQL's NOTIFY payload must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;

/**
 * The NOTIFY payloads for some events: one per event, or more when its
 * recipients do not fit in one. Sent inside the writing transaction,
 * PostgreSQL delivers them to every listening process when (and only if) it
 * commits.
 */
export function notifyPayloads(envelopes: Envelope[]): string[] {
  const out: string[] = [];
  for (const { to, event } of envelopes) {
    const base = JSON.stringify(event).length + 20;
    let batch: string[] = [];
    let size = base;
    for (const id of to) {
      if (size + id.length + 3 > MAX_PAYLOAD && batch.length) {
        out.push(JSON.stringify({ to: batch, event }));
        batch = [];
        size = base;
      }
      batch.push(id);
      size += id.length + 3;
    }
    if (batch.length) out.push(JSON.stringify({ to: batch, event }));
  }
  return out;
}

export interface EventHub {
  /** Events for one person; returns the unsubscribe. */
  subscribe(personId: string, fn: (event: HubEvent) => void): () => void;
  /** Ends every subscription (shutdown): their `onClose` runs. */
  stop(): Promise<void>;
  onStop(fn: () => void): () => void;
  readonly subscribers: number;
}

/** Listens on the database channel and hands each event to the local subscribers it is for. */
export async function startHub(db: Db): Promise<EventHub> {
  const byPerson = new Map<string, Set<(event: HubEvent) => void>>();
  const stopHandlers = new Set<() => void>();
  let count = 0;
  const unlisten = await db.listen(CHANNEL, (payload) => {
    let env: Envelope;
    try {
      env = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    for (const id of env.to ?? []) for (const fn of byPerson.get(id) ?? []) fn(env.event);
  });
  return {
    get subscribers() {
      return count;
    },
    subscribe(personId, fn) {
      let set = byPerson.get(personId);
      if (!set) byPerson.set(personId, (set = new Set()));
      set.add(fn);
      count++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count--;
        set.delete(fn);
        if (!set.size) byPerson.delete(personId);
      };
    },
    onStop(fn) {
      stopHandlers.add(fn);
      return () => stopHandlers.delete(fn);
    },
    async stop() {
      for (const fn of [...stopHandlers]) fn();
      stopHandlers.clear();
      await unlisten();
    },
  };
}
