import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { DEMO_PEOPLE } from '../backend/demo-region';
import type { Backend } from '../backend/port';
import { createAdminModel, type AdminModel } from './admin';
import { createCaller } from './call';
import { createCareModel, type CareModel } from './care';
import { createConversationModel, type ConversationModel } from './conversation';
import { createInboxModel, type InboxModel } from './inbox';
import { createRouter, type Route, type RouterModel } from './router';
import { createSessionModel, type SessionModel } from './session';
import { createStatus, type StatusModel } from './status';
import type { TrainingHost } from './training';

export interface TrainingModel {
  people: typeof DEMO_PEOPLE;
  actingAs: ReadonlySignal<string>;
  actAs(professionalId: string): Promise<void>;
  reset(): Promise<void>;
}

export interface AppModel {
  state: ReadonlySignal<'loading' | 'ready' | 'failed'>;
  status: StatusModel;
  router: RouterModel;
  session: SessionModel;
  inbox: InboxModel;
  conversation: ConversationModel;
  care: CareModel;
  admin: AdminModel;
  /** Present in training mode only. */
  training: TrainingModel | null;
  start(): Promise<void>;
  go(route: Route): void;
  /** Fetches what may have changed elsewhere (panel shown again, timer). */
  refresh(): Promise<void>;
  dispose(): void;
}

export interface AppOptions {
  backend: Backend;
  training?: TrainingHost;
  /** Remembers the demo person between panel openings. */
  rememberActingAs?: (id: string) => void;
}

/** Builds every model over one backend and loads each screen's data when it is shown. */
export function createApp(options: AppOptions): AppModel {
  const state = signal<'loading' | 'ready' | 'failed'>('loading');
  const status = createStatus();
  const call = createCaller(() => options.backend, status);
  const router = createRouter();
  const session = createSessionModel(call);
  const inbox = createInboxModel(call, status);
  const counts = () => void inbox.refreshCounts();
  const conversation = createConversationModel(call, status, counts);
  const care = createCareModel(call, status, () => {
    counts();
    void session.loadClients();
  });
  const admin = createAdminModel(call, status, async () => {
    await Promise.all([session.load(), session.loadDirectory()]);
    counts();
  });

  function load(route: Route) {
    switch (route.name) {
      case 'inbox':
        conversation.close();
        return inbox.show(route.via);
      case 'conversation':
        return conversation.open(route.id);
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

  const host = options.training;
  const actingAs = signal(host?.actingAs() ?? '');
  const training: TrainingModel | null = host
    ? {
        people: DEMO_PEOPLE,
        actingAs,
        async actAs(id) {
          host.actAs(id);
          actingAs.value = id;
          options.rememberActingAs?.(id);
          status.clear();
          conversation.close();
          await app.start();
        },
        async reset() {
          conversation.close();
          await host.reset();
          await app.start();
          status.done('training.resetDone');
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
    async start() {
      stopRouting?.();
      stopRouting = null;
      state.value = 'loading';
      if (!(await session.load())) {
        state.value = 'failed';
        return;
      }
      router.reset({ name: 'inbox', via: '' });
      // The first inbox page first; names and counts right after.
      await inbox.show('');
      state.value = 'ready';
      void Promise.all([inbox.refreshCounts(), session.loadDirectory(), session.loadClients()]);
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
      await Promise.all([inbox.refreshCounts(), route.name === 'inbox' ? inbox.show(route.via) : null]);
    },
    dispose() {
      stopRouting?.();
    },
  };
  return app;
}
