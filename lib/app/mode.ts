import { signal, type ReadonlySignal } from '@preact/signals';
import type { DemoPerson, Mode, ServerMode, SignInOutcome } from '../contract/port';
import type { SsoOrganisation } from '../contract/wire';
import type { StatusModel } from './status';

/** Training mode as the screens see it: who one acts as, as a signal. */
export interface TrainingModeModel {
  kind: 'training';
  people: readonly DemoPerson[];
  actingAs: ReadonlySignal<string>;
  actAs(professionalId: string): Promise<void>;
  reset(): Promise<void>;
}

/** Server mode as the screens see it: signing in and out. */
export interface ServerModeModel {
  kind: 'server';
  baseUrl: string;
  signIn(email: string, password: string, totp?: string): Promise<boolean>;
  /** The organisations that sign in through their own provider; none when the server cannot say. */
  organisations(): Promise<SsoOrganisation[]>;
  signInWithOrganisation(orgId: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** The account's own routes: mail settings, the password (lib/contract/wire.ts ACCOUNT_ACTIONS). */
  account: ServerMode['account'];
}

export type ModeModel = TrainingModeModel | ServerModeModel;

export interface ModeHooks {
  status: StatusModel;
  /** Everything on screen belongs to who one was: the app starts again. */
  restart(): Promise<void>;
  /** Before leaving: stop loading screens, close what is open. */
  leave(): void;
  signedOut(): void;
}

/** The page's mode (fixed when it starts) with what its screens need to show it. */
export function createModeModel(mode: Mode, hooks: ModeHooks): ModeModel {
  const { status } = hooks;
  if (mode.kind === 'training') {
    const actingAs = signal(mode.actingAs());
    return {
      kind: 'training',
      people: mode.people,
      actingAs,
      async actAs(id) {
        actingAs.value = id;
        status.clear();
        hooks.leave();
        await mode.actAs(id);
        await hooks.restart();
      },
      async reset() {
        hooks.leave();
        await mode.reset();
        await hooks.restart();
        status.done('training.resetDone');
      },
    };
  }
  const signedIn = async (r: SignInOutcome) => {
    // One answer for a wrong password and a missing or wrong code: the server does not tell them apart.
    if (!r.ok) {
      status.refused({ code: r.code });
      return false;
    }
    status.clear();
    await hooks.restart();
    if (r.totpEnrolmentRequired) status.done('signin.enrolment');
    return true;
  };
  return {
    kind: 'server',
    baseUrl: mode.baseUrl,
    signIn: async (email, password, totp) => signedIn(await mode.signIn(email, password, totp)),
    organisations: async () => {
      const r = await mode.organisations();
      return r.ok ? r.value : [];
    },
    signInWithOrganisation: async (orgId) => signedIn(await mode.signInWithOrganisation(orgId)),
    async signOut() {
      hooks.leave();
      await mode.signOut();
      hooks.signedOut();
    },
    account: (action, input) => mode.account(action, input),
  };
}
