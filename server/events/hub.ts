import type { LiveEvent } from '../../lib/backend/http/wire';
import type { Db, SqlRunner } from '../db';

/** What travels between processes: an event and who may receive it. `revoked` closes that person's streams. */
export type HubEvent = LiveEvent | { type: 'revoked' };
export interface Envelope { to: string[]; event: HubEvent }

export const CHANNEL = 'nz_events';
/** PostgreSQL's NOTIFY payload must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;

/**
 * Sends events with NOTIFY inside the writing transaction: PostgreSQL
 * delivers them to every listening process when (and only if) it commits.
 */
export async function notify(sql: SqlRunner, envelopes: Envelope[]): Promise<void> {
  for (const { to, event } of envelopes) {
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length) await sql.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ to: batch, event })]);
      batch = [];
    };
    let size = JSON.stringify(event).length + 20;
    for (const id of to) {
      if (size + id.length + 3 > MAX_PAYLOAD) {
        await flush();
        size = JSON.stringify(event).length + 20;
      }
      batch.push(id);
      size += id.length + 3;
    }
    await flush();
  }
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
