import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Client } from '../domain';
import type { ClientContext, ReadRefusal } from '../ehr/schema';
import type { ContextAnswer } from '../ehr/protocol';
import { mismatch, type IdentifiedClient } from '../ehr/tab-context';
import type { ContextSource } from '../ehr/watch';

export type { ContextSource };
import type { Caller } from './call';
import type { CareModel } from './care';
import type { ConversationModel } from './conversation';
import type { Route, RouterModel } from './router';
import type { SessionModel } from './session';

/** What the panel shows about the record on screen. */
export type ContextState =
  /** Not a page of a record system the extension reads: the panel says nothing. */
  | { kind: 'none' }
  /** A record system's page without a client the panel can take (a list, a BSN that fails the 11-test …). */
  | { kind: 'refused'; reason: Exclude<ReadRefusal, 'no-adapter'>; system?: string }
  | { kind: 'client'; context: ClientContext };

/** A client open in the panel that is someone else than the record on screen. */
export interface ContextMismatch {
  open: IdentifiedClient;
  onScreen: ClientContext;
}

export interface ClientContextModel {
  state: ReadonlySignal<ContextState>;
  /** The client on screen, when there is one. */
  context: ReadonlySignal<ClientContext | null>;
  /** The same person among the clients my organisation may see (BSN, else name and birth date), or null. */
  known: ReadonlySignal<Client | null>;
  /** Set when the client, network or conversation open in the panel belongs to someone else than the record on screen. */
  mismatch: ReadonlySignal<ContextMismatch | null>;
  /** A patient card to propose for this network's client: the GP system's own number, when its record is on screen (R5). */
  patientCardFor(client: IdentifiedClient): { system: string; patientRef: string } | null;
  /** Starts watching the tabs (again, after a restart of the app: once). */
  start(): void;
  /** The page goes: stops watching and disposes the model's subscriptions. */
  stop(): void;
  /** Reads the active tab again; a record system may change the client without loading a page. */
  reread(): Promise<ClientContext | null>;
  /**
   * Opens the client on screen in the panel: their network when there is one,
   * else the client (to record consent and create the network). A client not
   * known yet is created first with the record's name, birth date and BSN.
   */
  open(): Promise<Route | null>;
}

export interface ClientContextDeps {
  source: ContextSource;
  call: Caller;
  session: SessionModel;
  care: CareModel;
  conversation: ConversationModel;
  router: RouterModel;
}

const sameClient = (context: ClientContext, client: IdentifiedClient) => !mismatch(context, client);

/** The client my organisation knows as this record: a BSN on both sides decides, otherwise name and birth date. */
export function findKnownClient(context: ClientContext, clients: readonly Client[]): Client | null {
  const byBsn = context.bsn ? clients.find((c) => c.bsn === context.bsn) : undefined;
  return byBsn ?? clients.find((c) => sameClient(context, c)) ?? null;
}

export function stateOf(answer: ContextAnswer | undefined): ContextState {
  if (!answer) return { kind: 'none' };
  if (answer.ok) return { kind: 'client', context: answer.context };
  if (answer.reason === 'not-readable' || answer.reason === 'no-adapter') return { kind: 'none' };
  return { kind: 'refused', reason: answer.reason, system: answer.system };
}

export function createClientContextModel(deps: ClientContextDeps): ClientContextModel {
  const { source, call, session, care, conversation, router } = deps;
  // Each tab has its own record: the watcher asks the active tab again whenever another one becomes active.
  const activeTab = signal<number | undefined>(undefined);
  const answer = signal<ContextAnswer | undefined>(undefined);
  let stopWatching: (() => void) | null = null;
  let askAgain: ReturnType<typeof setTimeout> | undefined;

  const take = (a: ContextAnswer, tabId: number | undefined) => {
    clearTimeout(askAgain);
    activeTab.value = tabId;
    answer.value = a;
    // A page that just finished loading may answer before its content script listens: ask once more.
    if (!a.ok && a.reason === 'not-readable' && tabId !== undefined) askAgain = setTimeout(() => void model.reread(), 600);
  };

  const state = computed(() => stateOf(answer.value));
  const context = computed(() => {
    const s = state.value;
    return s.kind === 'client' ? s.context : null;
  });
  /**
   * The client my organisation knows as this record: asked by BSN (an
   * organisation may have more clients than one list holds), else by name
   * and birth date among the listed clients.
   */
  async function lookUp(c: ClientContext, freshList = false): Promise<Client | null> {
    if (c.bsn) {
      const r = await call('findClientByBsn', { bsn: c.bsn }, { quiet: true });
      if (r.ok) return r.value;
    }
    if (freshList) await session.loadClients();
    return findKnownClient(c, session.clients.value);
  }
  const known = signal<Client | null>(null);
  let lookUps = 0;
  // Asked again when the record on screen or the client list changes; only the latest answer counts.
  // Disposed with the model (stop), so a model that is gone does not keep answering.
  const stopLookUps = effect(() => {
    const c = context.value;
    void session.clients.value;
    const n = ++lookUps;
    if (!c) known.value = null;
    else void lookUp(c).then((k) => n === lookUps && (known.value = k));
  });

  /** The client whose data the current screen shows, if the screen is about one client. */
  const openClient = computed((): IdentifiedClient | null => {
    const route = router.route.value;
    switch (route.name) {
      case 'client': {
        const view = care.client.value;
        return view?.client.id === route.id ? view.client : null;
      }
      case 'network':
      case 'newConversation': {
        const view = care.network.value;
        const id = route.name === 'network' ? route.id : route.networkId;
        return view?.network.id === id ? view.client : null;
      }
      case 'conversation': {
        const view = conversation.view.value;
        const clientId = view?.conversation.id === route.id ? view.conversation.clientId : undefined;
        return (clientId && session.clients.value.find((c) => c.id === clientId)) || null;
      }
      default:
        return null;
    }
  });

  const model: ClientContextModel = {
    state,
    context,
    known,
    mismatch: computed(() => {
      const onScreen = context.value;
      const open = openClient.value;
      return onScreen && open && mismatch(onScreen, open) ? { open, onScreen } : null;
    }),
    patientCardFor(client) {
      const c = context.value;
      return c && c.kind === 'his' && sameClient(c, client) ? { system: c.system, patientRef: c.patientRef } : null;
    },
    start() {
      if (!stopWatching) stopWatching = source.watch(take);
    },
    stop() {
      clearTimeout(askAgain);
      stopWatching?.();
      stopWatching = null;
      stopLookUps();
    },
    async reread() {
      const tabId = activeTab.value;
      if (tabId === undefined) return context.value;
      const a = await source.read(tabId);
      // Another tab became active meanwhile: its answer (from the watcher) counts, not this one.
      if (activeTab.value === tabId) answer.value = a;
      return context.value;
    },
    async open() {
      const onScreen = await model.reread();
      if (!onScreen) return null;
      const clientId = (await lookUp(onScreen, true))?.id;
      if (!clientId) {
        const created = await care.createClient({ name: onScreen.name, birthDate: onScreen.birthDate, ...(onScreen.bsn ? { bsn: onScreen.bsn } : {}) });
        if (!created) return null;
        await session.loadClients();
        return { name: 'client', id: created };
      }
      const r = await call('readClient', { clientId });
      if (!r.ok) return null;
      const { networks } = r.value;
      const network = networks.find((n) => n.status === 'open') ?? networks[networks.length - 1];
      return network ? { name: 'network', id: network.id } : { name: 'client', id: clientId };
    },
  };
  return model;
}

/** "••••••333": enough to tell two clients apart at a glance, not enough to copy a BSN from a shoulder view. */
export const maskBsn = (bsn: string) => `${'•'.repeat(Math.max(0, bsn.length - 3))}${bsn.slice(-3)}`;
