import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { Backend } from '../backend/port';
import { createAdminModel, type AdminModel } from './admin';
import { createCaller } from './call';
import { createClientContextModel, type ClientContextModel, type ContextSource } from './client-context';
import { createCareModel, type CareModel } from './care';
import { createConversationModel, type ConversationModel, type OutboxView } from './conversation';
import { createInboxModel, type InboxModel } from './inbox';
import { createRouter, type Route, type RouterModel } from './router';
import { createSessionModel, type SessionModel } from './session';
import { createStatus, type StatusModel } from './status';
import type { ServerHost } from './server';
import type { TrainingHost } from './training';

export interface TrainingModel {
  people: TrainingHost['people'];
  actingAs: ReadonlySignal<string>;
  actAs(professionalId: string): Promise<void>;
  reset(): Promise<void>;
}

/** Server mode: signing in and out of the organisation's server. */
export interface ServerModel {
  baseUrl: string;
  /** The server asked for a TOTP code with the password. */
  totpRequired: ReadonlySignal<boolean>;
  signIn(email: string, password: string, totp?: string): Promise<boolean>;
  signOut(): Promise<void>;
}

export type AppState = 'loading' | 'ready' | 'failed' | 'signedOut';

export interface AppModel {
  state: ReadonlySignal<AppState>;
  status: StatusModel;
  router: RouterModel;
  session: SessionModel;
  inbox: InboxModel;
  conversation: ConversationModel;
  care: CareModel;
  admin: AdminModel;
  /** Present in training mode only. */
  training: TrainingModel | null;
  /** Present in server mode only. */
  server: ServerModel | null;
  /** The record on screen beside the panel; present where the host has one (the side panel). */
  clientContext: ClientContextModel | null;
  start(): Promise<void>;
  go(route: Route): void;
  /** Fetches what may have changed elsewhere (live event, panel shown again, timer): the counts and the list on screen. */
  refresh(): Promise<void>;
  dispose(): void;
}

export interface AppOptions {
  backend: Backend;
  training?: TrainingHost;
  server?: ServerHost;
  /** Remembers the demo person between panel openings. */
  rememberActingAs?: (id: string) => void;
  /** Where messages wait until they are stored (the extension's background); without one, a failed send stays in the view only. */
  outbox?: OutboxView;
  /** The first screen after (re)starting, read at each start; the user's own list when absent (the embed page sets its view). */
  home?: Route;
  /** The side panel reads the client from the record system's tab beside it. */
  clientContext?: ContextSource;
  /**
   * Resolves once the first screen is on screen (the side panel: after its
   * next frame). Names, unread counts and the record beside the panel are
   * asked for after it, so their reads do not compete with the first paint.
   * At once when absent.
   */
  afterFirstPaint?: () => Promise<void>;
}

/**
 * The directory gives names to everything on screen: a read that failed at
 * start (the server busy or briefly away) is tried again a few times.
 */
async function untilRead(read: () => Promise<boolean>, attempts = 4, pauseMs = 1000): Promise<void> {
  for (let i = 1; i <= attempts && !(await read()); i++) {
    if (i < attempts) await new Promise((r) => setTimeout(r, pauseMs * i));
  }
}

/** Builds every model over one backend and loads each screen's data when it is shown. */
export function createApp(options: AppOptions): AppModel {
  const state = signal<AppState>('loading');
  const status = createStatus();
  // A session that ended (expired, signed out elsewhere, account deactivated) brings back the sign-in form.
  const call = createCaller(() => options.backend, status, (code) => {
    if (options.server && code === 'not-signed-in') state.value = 'signedOut';
  });
  const router = createRouter();
  const session = createSessionModel(call);
  const inbox = createInboxModel(call, status);
  const counts = () => void inbox.refreshCounts();
  const conversation = createConversationModel(call, status, counts, options.outbox);
  const care = createCareModel(call, status, () => {
    counts();
    void session.loadClients();
  });
  const admin = createAdminModel(call, status, async () => {
    await Promise.all([session.load(), session.loadDirectory()]);
    counts();
  });

  const clientContext = options.clientContext
    ? createClientContextModel({ source: options.clientContext, call, session, care, conversation, router })
    : null;

  // A list or conversation can name a client shared with this organisation after its clients were
  // read (a colleague elsewhere registered them and wrote to us): the clients are read again, once
  // per client not found, so the name shows instead of "Client".
  const soughtClients = new Set<string>();
  // Until the first read of the clients (after the first screen has painted) there is nothing to miss.
  let clientsRead = false;
  async function nameClients(ids: readonly string[]) {
    if (!clientsRead) return;
    const unknown = [...new Set(ids)].filter((id) => !session.clientName(id) && !soughtClients.has(id));
    if (!unknown.length) return;
    for (const id of unknown) soughtClients.add(id);
    await session.loadClients();
  }
  const listShown = () => nameClients(inbox.items.value.map((i) => i.clientId));

  function load(route: Route) {
    switch (route.name) {
      case 'inbox':
        conversation.close();
        return inbox.show(route.via).then(listShown);
      case 'conversation':
        return conversation.open(route.id).then(() => nameClients(conversation.view.value ? [conversation.view.value.conversation.clientId] : []));
      case 'clients':
        return session.loadClients();
      case 'client':
        return Promise.all([care.openClient(route.id), care.loadConsentText()]);
      case 'network':
        return care.openNetwork(route.id);
      case 'newConversation':
        return care.openNetwork(route.networkId);
      case 'directory':
        return session.loadDirectory();
      case 'admin':
        return Promise.all([admin.loadAccounts(), session.loadDirectory(), care.loadConsentText()]);
    }
  }

  let stopRouting: (() => void) | null = null;

  const trainingHost = options.training;
  const actingAs = signal(trainingHost?.actingAs() ?? '');
  const training: TrainingModel | null = trainingHost
    ? {
        people: trainingHost.people,
        actingAs,
        async actAs(id) {
          trainingHost.actAs(id);
          actingAs.value = id;
          options.rememberActingAs?.(id);
          status.clear();
          conversation.close();
          await app.start();
        },
        async reset() {
          conversation.close();
          await trainingHost.reset();
          await app.start();
          status.done('training.resetDone');
        },
      }
    : null;

  const serverHost = options.server;
  const totpRequired = signal(false);
  const server: ServerModel | null = serverHost
    ? {
        baseUrl: serverHost.baseUrl,
        totpRequired,
        async signIn(email, password, totp) {
          const r = await serverHost.signIn(email, password, totp);
          if (!r.ok) {
            totpRequired.value = totpRequired.value || r.totpRequired;
            if (!r.totpRequired || totp) status.refused({ code: r.code });
            return false;
          }
          totpRequired.value = false;
          status.clear();
          await app.start();
          if (r.totpEnrolmentRequired) status.done('signin.enrolment');
          return true;
        },
        async signOut() {
          stopRouting?.();
          stopRouting = null;
          conversation.close();
          await serverHost.signOut();
          state.value = 'signedOut';
        },
      }
    : null;

  const app: AppModel = {
    state,
    status,
    router,
    session,
    inbox,
    conversation,
    care,
    admin,
    training,
    server,
    clientContext,
    async start() {
      stopRouting?.();
      stopRouting = null;
      state.value = 'loading';
      const failure = await session.load();
      if (failure) {
        state.value = options.server && failure === 'not-signed-in' ? 'signedOut' : 'failed';
        if (state.value === 'failed') status.refused({ code: failure });
        return;
      }
      const home = options.home ?? { name: 'inbox', via: '' };
      router.reset(home);
      // The first screen first; names, counts and the record beside the panel once it is shown.
      await load(home);
      state.value = 'ready';
      const shown = options.afterFirstPaint?.() ?? Promise.resolve();
      void shown.then(() => {
        clientContext?.start();
        return Promise.all([
          inbox.refreshCounts(), untilRead(() => session.loadDirectory()),
          session.loadClients().then(() => {
            clientsRead = true;
          }),
        ]);
      });
      let first = true;
      stopRouting = effect(() => {
        const route = router.route.value;
        if (first) {
          first = false;
          return;
        }
        untracked(() => void load(route));
      });
    },
    go: (route) => router.go(route),
    async refresh() {
      if (state.value !== 'ready') return;
      const route = router.route.value;
      // The list on screen stays the one chosen (current or archived).
      const archived = route.name === 'inbox' && route.via === inbox.via.value && inbox.archived.value;
      await Promise.all([
        inbox.refreshCounts(),
        route.name === 'inbox' ? inbox.show(route.via, archived).then(listShown) : null,
        // Names and the write-to-us form need the directory; a start that could not read it catches up here.
        session.directory.value ? null : session.loadDirectory(),
      ]);
    },
    dispose() {
      stopRouting?.();
      clientContext?.stop();
    },
  };
  return app;
}
