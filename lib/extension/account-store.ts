import type { Result } from '../contract/result';
import type { AccountInput, AccountOutput } from '../contract/wire';
import { sendToBackground } from './client';

/** What the options page shows and changes of the signed-in person's account on the server; a test passes its own. */
export interface AccountStore {
  /** The mail settings; refused `not-signed-in` (or `unavailable` in training mode) when there is nothing to choose yet. */
  mailSettings(): Promise<Result<AccountOutput<'mailSettings'>>>;
  saveMailSettings(change: AccountInput<'mailSettings'>): Promise<Result<AccountOutput<'mailSettings'>>>;
  changePassword(currentPassword: string, password: string): Promise<Result<AccountOutput<'changePassword'>>>;
}

const account = <A extends 'mailSettings' | 'changePassword'>(action: A, input: AccountInput<A>) =>
  sendToBackground('server.account', { action, input }).catch(() => ({ ok: false as const, code: 'unavailable' as const })) as Promise<Result<AccountOutput<A>>>;

/** The extension's: through the background, which holds the token. */
export const runtimeAccountStore: AccountStore = {
  mailSettings: () => account('mailSettings', {}),
  saveMailSettings: (change) => account('mailSettings', change),
  changePassword: (currentPassword, password) => account('changePassword', { currentPassword, password }),
};
