import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { OpOutput } from '../contract/operations';
import type { Client, RefusalCode } from '../domain';
import { managesSomething } from '../domain/capabilities';
import type { Caller } from './call';

export type SessionInfo = OpOutput<'session'>;
export type Directory = OpOutput<'directory'>;

/** Who I am, for which organisation, and the region's directory for names (R14, R16). */
export interface SessionModel {
  me: ReadonlySignal<SessionInfo | null>;
  directory: ReadonlySignal<Directory | null>;
  /** Clients my organisation may see, for names in lists. */
  clients: ReadonlySignal<Client[]>;
  /** Account managers, team contact persons and regional administrators see management. */
  canManage: ReadonlySignal<boolean>;
  /** Null when signed in; otherwise why not (the caller decides what to show). */
  load(): Promise<RefusalCode | null>;
  /** True when the directory was read. */
  loadDirectory(): Promise<boolean>;
  loadClients(): Promise<void>;
  personName(id: string): string | undefined;
  inboxName(id: string): string | undefined;
  orgName(id: string): string | undefined;
  clientName(id: string): string | undefined;
}

export function createSessionModel(call: Caller): SessionModel {
  const me = signal<SessionInfo | null>(null);
  const directory = signal<Directory | null>(null);
  const clients = signal<Client[]>([]);
  const people = computed(() => new Map(directory.value?.professionals.map((p) => [p.id, p]) ?? []));
  const inboxes = computed(() => new Map(directory.value?.inboxes.map((i) => [i.id, i]) ?? []));
  const orgs = computed(() => new Map(directory.value?.organisations.map((o) => [o.id, o]) ?? []));
  const clientsById = computed(() => new Map(clients.value.map((c) => [c.id, c])));

  return {
    me,
    directory,
    clients,
    canManage: computed(() => !!me.value && managesSomething(me.value.professional, me.value.teams)),
    async load() {
      const r = await call('session', {}, { quiet: true });
      me.value = r.ok ? r.value : null;
      return r.ok ? null : r.code;
    },
    async loadDirectory() {
      const r = await call('directory', {}, { quiet: true });
      if (r.ok) directory.value = r.value;
      return r.ok;
    },
    async loadClients() {
      const r = await call('listClients', {}, { quiet: true });
      if (r.ok) clients.value = r.value;
    },
    personName: (id) => people.value.get(id)?.name ?? (me.value?.professional.id === id ? me.value.professional.name : undefined),
    inboxName: (id) => inboxes.value.get(id)?.name,
    orgName: (id) => orgs.value.get(id)?.name,
    clientName: (id) => clientsById.value.get(id)?.name,
  };
}
