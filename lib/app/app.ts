import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { Connection } from '../contract/port';
import type { ContextSource } from '../ehr/watch';
import { createAdminModel, type AdminModel } from './admin';
import { createCaller } from './call';
import { createCareModel, type CareModel } from './care';
import type { ClientContextModel, createClientContextModel } from './client-context';
import { createConversationModel, type ConversationModel } from './conversation';
import { createInboxModel, type InboxModel } from './inbox';
import { createModeModel, type ModeModel } from './mode';
import { createRouter, type Route, type RouterModel } from './router';
import { createSessionModel, type SessionModel } from './session';
import { createStatus, type StatusModel } from './status';

export type { ModeModel, ServerModeModel, TrainingModeModel } from './mode';

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
  /** Training mode or the organisation's server: fixed when the page starts. */
  mode: ModeModel;
  /** The record on screen beside the panel; present where the host has one (the side panel). */
  clientContext: ClientContextModel | null;
  start(): Promise<void>;
  go(route: Route): void;
  /** Fetches what may have changed elsewhere (live event, panel shown again, timer): the counts and the list on screen. */
  refresh(): Promise<void>;
  dispose(): void;
}

export interface AppOptions {
  connection: Connection;
  /** The first screen after (re)starting, read at each start; the user's own list when absent (the embed page sets its view). */
  home?: Route;
  /**
   * The side panel reads the client from the record system's tab beside it: where the record comes
   * from, and the model of it (brought by the host, so pages without one do not load its code).
   */
  clientContext?: { source: ContextSource; createModel: typeof createClientContextModel };
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

/**
 * A list or conversation can name a client shared with this organisation
 * after its clients were read (a colleague elsewhere registered them and
 * wrote to us): the clients are read again, once per client not found, so
 * the name shows instead of "Client". Nothing is missed before the first
 * read of the clients, which comes after the first screen has painted.
 */
function createClientNaming(session: SessionModel) {
  const sought = new Set<string>();
  let read = false;
  return {
    clientsRead() {
      read = true;
    },
    async name(ids: readonly string[]) {
      if (!read) return;
      const unknown = [...new Set(ids)].filter((id) => !session.clientName(id) && !sought.has(id));
      if (!unknown.length) return;
      for (const id of unknown) sought.add(id);
      await session.loadClients();
    },
  };
}

/** Builds every model over one connection and loads each screen's data when it is shown. */
export function createApp(options: AppOptions): AppModel {
  const { connection } = options;
  const serverMode = connection.mode.kind === 'server';
  const state = signal<AppState>('loading');
  const status = createStatus();
  // A session that ended (expired, signed out elsewhere, account deactivated) brings back the sign-in form.
  const call = createCaller(connection.backend, status, (code) => {
    if (serverMode && code === 'not-signed-in') state.value = 'signedOut';
  });
  const router = createRouter();
  const session = createSessionModel(call);
  const inbox = createInboxModel(call, status);
  const counts = () => void inbox.refreshCounts();
  const conversation = createConversationModel(call, status, counts, connection.outbox, connection.backend.files);
  const care = createCareModel(call, status, () => {
    counts();
    void session.loadClients();
  });
  const admin = createAdminModel(call, status, async () => {
    await Promise.all([session.load(), session.loadDirectory()]);
    counts();
  }, connection.mode.kind === 'server' ? connection.mode.account.bind(connection.mode) : undefined);
  const clientContext = options.clientContext
    ? options.clientContext.createModel({ source: options.clientContext.source, call, session, care, conversation, router })
    : null;
  const naming = createClientNaming(session);
  const listShown = () => naming.name(inbox.items.value.map((i) => i.clientId));

  function load(route: Route) {
    switch (route.name) {
      case 'inbox':
        conversation.close();
        return inbox.show(route.via).then(listShown);
      case 'conversation':
        return conversation.open(route.id).then(() => naming.name(conversation.view.value ? [conversation.view.value.conversation.clientId] : []));
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
  const stopLoading = () => {
    stopRouting?.();
    stopRouting = null;
  };

  /** After the first screen: names, counts and the record beside the panel. */
  function afterFirstScreen() {
    const shown = options.afterFirstPaint?.() ?? Promise.resolve();
    void shown.then(() => {
      clientContext?.start();
      return Promise.all([
        inbox.refreshCounts(), untilRead(() => session.loadDirectory()),
        session.loadClients().then(() => naming.clientsRead()),
      ]);
    });
  }

  /** Each later change of route loads its screen. */
  function followRoutes() {
    let first = true;
    stopRouting = effect(() => {
      const route = router.route.value;
      if (first) {
        first = false;
        return;
      }
      untracked(() => void load(route));
    });
  }

  const app: AppModel = {
    state,
    status,
    router,
    session,
    inbox,
    conversation,
    care,
    admin,
    clientContext,
    mode: createModeModel(connection.mode, {
      status,
      restart: () => app.start(),
      leave() {
        stopLoading();
        conversation.close();
      },
      signedOut: () => (state.value = 'signedOut'),
    }),
    async start() {
      stopLoading();
      state.value = 'loading';
      const failure = await session.load();
      if (failure) {
        state.value = serverMode && failure === 'not-signed-in' ? 'signedOut' : 'failed';
        if (state.value === 'failed') status.refused({ code: failure });
        return;
      }
      const home = options.home ?? { name: 'inbox', via: '' };
      router.reset(home);
      // The first screen first; names, counts and the record beside the panel once it is shown.
      await load(home);
      state.value = 'ready';
      afterFirstScreen();
      followRoutes();
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
      stopLoading();
      clientContext?.stop();
      conversation.dispose();
    },
  };
  return app;
}
