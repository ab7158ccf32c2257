import { computed, signal, type ReadonlySignal } from '@preact/signals';

/** The screens of the app. `via` '' is the user's own list, otherwise a shared inbox id. */
export type Route =
  | { name: 'inbox'; via: string }
  | { name: 'conversation'; id: string; via?: string }
  | { name: 'clients' }
  | { name: 'client'; id: string }
  | { name: 'network'; id: string }
  | { name: 'newConversation'; networkId: string }
  | { name: 'directory' }
  | { name: 'admin' };

export interface RouterModel {
  route: ReadonlySignal<Route>;
  canGoBack: ReadonlySignal<boolean>;
  /** How many times the user moved since the last reset: 0 on a fresh start (focus stays where it is). */
  moves: ReadonlySignal<number>;
  go(route: Route): void;
  /** Starts a new trail at this screen (after switching person). */
  reset(route: Route): void;
  /** Shows this screen instead of the current one (a finished form is not a place to go back to). */
  replace(route: Route): void;
  back(): void;
}

export function createRouter(start: Route = { name: 'inbox', via: '' }): RouterModel {
  const stack = signal<Route[]>([start]);
  const route = computed(() => stack.value[stack.value.length - 1]!);
  const moves = signal(0);
  return {
    route,
    canGoBack: computed(() => stack.value.length > 1),
    moves,
    go(next) {
      const top = stack.value[stack.value.length - 1];
      if (JSON.stringify(top) === JSON.stringify(next)) return;
      moves.value++;
      // Top-level screens start a new trail, so "back" never walks through an old one.
      const topLevel = next.name === 'inbox' || next.name === 'clients' || next.name === 'directory' || next.name === 'admin';
      stack.value = topLevel ? [next] : [...stack.value.slice(-19), next];
    },
    reset(next) {
      moves.value = 0;
      stack.value = [next];
    },
    replace(next) {
      moves.value++;
      stack.value = [...stack.value.slice(0, -1), next];
    },
    back() {
      if (stack.value.length < 2) return;
      moves.value++;
      stack.value = stack.value.slice(0, -1);
    },
  };
}
