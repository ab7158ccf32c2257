import { signal, type ReadonlySignal } from '@preact/signals';
import type { OpInput } from '../contract/operations';
import type { ServerMode } from '../contract/port';
import type { MailStatusOutput } from '../contract/wire';
import type { Professional } from '../domain';
import type { Caller } from './call';
import type { StatusModel } from './status';

/** Management: accounts (R11, R12), contact persons (R14), shared inboxes (R16), the consent text (R2). */
export interface AdminModel {
  accounts: ReadonlySignal<Professional[] | null>;
  /** Server mode: invitations not yet used and mails that could not be delivered (null in training mode). */
  mailStatus: ReadonlySignal<MailStatusOutput | null>;
  loadAccounts(): Promise<void>;
  /** R13: a new invitation to the person's own mailbox; the account manager never sees its link. */
  resendInvitation(professionalId: string, name: string): Promise<boolean>;
  createAccount(input: OpInput<'createAccount'>): Promise<boolean>;
  deactivate(professionalId: string): Promise<boolean>;
  setContactPerson(teamId: string, professionalId: string): Promise<boolean>;
  createSharedInbox(input: OpInput<'createSharedInbox'>): Promise<boolean>;
  setInboxMembers(inboxId: string, memberIds: string[]): Promise<boolean>;
  publishConsentText(text: string): Promise<number | null>;
}

export function createAdminModel(call: Caller, status: StatusModel, changed: () => Promise<void>, account?: ServerMode['account']): AdminModel {
  const accounts = signal<Professional[] | null>(null);
  const mailStatus = signal<MailStatusOutput | null>(null);
  const loadMailStatus = async () => {
    const r = account ? await account('mailStatus', {}) : undefined;
    mailStatus.value = r?.ok ? r.value : null;
  };

  const model: AdminModel = {
    accounts,
    mailStatus,
    async loadAccounts() {
      const [r] = await Promise.all([call('listAccounts', {}, { quiet: true }), loadMailStatus()]);
      accounts.value = r.ok ? r.value : null;
    },
    async resendInvitation(professionalId, name) {
      if (!account) return false;
      const r = await account('resendInvitation', { professionalId });
      if (!r.ok) {
        status.refused(r);
        return false;
      }
      await loadMailStatus();
      status.done('admin.invitationResent', { name });
      return true;
    },
    async createAccount(input) {
      const r = await call('createAccount', input);
      if (!r.ok) return false;
      await Promise.all([model.loadAccounts(), changed()]);
      status.done('admin.accountCreated', { name: r.value.name });
      return true;
    },
    async deactivate(professionalId) {
      const r = await call('deactivateAccount', { professionalId });
      if (!r.ok) return false;
      await Promise.all([model.loadAccounts(), changed()]);
      status.done('admin.deactivated', { name: r.value.name });
      return true;
    },
    async setContactPerson(teamId, professionalId) {
      const r = await call('setContactPerson', { teamId, professionalId });
      if (!r.ok) return false;
      await changed();
      status.done('admin.contactSet');
      return true;
    },
    async createSharedInbox(input) {
      const r = await call('createSharedInbox', input);
      if (!r.ok) return false;
      await changed();
      status.done('admin.inboxCreated', { name: r.value.name });
      return true;
    },
    async setInboxMembers(inboxId, memberIds) {
      const r = await call('updateSharedInbox', { inboxId, memberIds });
      if (!r.ok) return false;
      await changed();
      status.done('admin.membersSaved', { name: r.value.name });
      return true;
    },
    async publishConsentText(text) {
      const r = await call('publishConsentText', { text });
      if (!r.ok) return null;
      status.done('admin.textPublished', { version: r.value.version });
      return r.value.version;
    },
  };
  return model;
}
