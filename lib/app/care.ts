import { signal, type ReadonlySignal } from '@preact/signals';
import type { OpInput } from '../contract/operations';
import type { AuditEvent, ClientView, ConsentGiver, ConsentText, NetworkView, RecipientSuggestion } from '../domain';
import { newId, type Caller } from './call';
import type { StatusModel } from './status';

export interface NewConversation {
  networkId: string;
  subject: string;
  inboxIds: string[];
  professionalIds: string[];
  text: string;
}

// Each action refreshes what it changed before confirming, so a confirmation always matches the screen.

/** A client's consent (R1–R3), network and checklist (R4–R6, R18), and access history (R15). */
export interface CareModel {
  client: ReadonlySignal<ClientView | null>;
  consentText: ReadonlySignal<ConsentText | null>;
  network: ReadonlySignal<NetworkView | null>;
  history: ReadonlySignal<AuditEvent[] | null>;
  openClient(id: string): Promise<void>;
  createClient(input: OpInput<'createClient'>): Promise<string | null>;
  loadConsentText(): Promise<void>;
  recordConsent(givenBy: ConsentGiver, method: 'verbal' | 'written' | 'portal'): Promise<boolean>;
  withdrawConsent(): Promise<boolean>;
  createNetwork(): Promise<string | null>;
  openNetwork(id: string): Promise<void>;
  linkPatientCard(system: string, patientRef: string): Promise<boolean>;
  inviteToPortal(email?: string): Promise<boolean>;
  markPortalActivated(): Promise<boolean>;
  suggest(orgId: string): Promise<RecipientSuggestion | null>;
  startConversation(input: NewConversation): Promise<string | null>;
  requestHandover(conversationId: string, inboxId: string): Promise<boolean>;
  loadHistory(clientId: string, from: string, to: string): Promise<boolean>;
}

export function createCareModel(call: Caller, status: StatusModel, changed: () => void): CareModel {
  const client = signal<ClientView | null>(null);
  const consentText = signal<ConsentText | null>(null);
  const network = signal<NetworkView | null>(null);
  const history = signal<AuditEvent[] | null>(null);

  const reopenClient = async () => {
    if (client.value) await model.openClient(client.value.client.id);
  };
  const networkStep = async (run: (networkId: string) => ReturnType<Caller>, done: Parameters<StatusModel['done']>[0]) => {
    const n = network.value;
    if (!n) return false;
    const r = await run(n.network.id);
    if (!r.ok) return false;
    await model.openNetwork(n.network.id);
    status.done(done);
    changed();
    return true;
  };

  const model: CareModel = {
    client,
    consentText,
    network,
    history,
    async openClient(id) {
      if (client.value?.client.id !== id) client.value = null;
      // The access history is asked for each time, never shown stale.
      history.value = null;
      const r = await call('readClient', { clientId: id });
      client.value = r.ok ? r.value : null;
    },
    async createClient(input) {
      const r = await call('createClient', input);
      if (!r.ok) return null;
      status.done('client.created', { name: r.value.name });
      changed();
      return r.value.id;
    },
    async loadConsentText() {
      const r = await call('currentConsentText', {});
      if (r.ok) consentText.value = r.value;
    },
    async recordConsent(givenBy, method) {
      const c = client.value;
      const text = consentText.value;
      if (!c || !text) return false;
      const r = await call('recordConsent', { clientId: c.client.id, textId: text.id, givenBy, method });
      if (!r.ok) {
        // R2: someone published a newer text meanwhile; show it so it can be read out.
        if (r.code === 'consent-text-outdated') await model.loadConsentText();
        return false;
      }
      await reopenClient();
      status.done('consent.recorded', { version: r.value.textVersion });
      return true;
    },
    async withdrawConsent() {
      const c = client.value;
      if (!c) return false;
      const r = await call('withdrawConsent', { clientId: c.client.id });
      if (!r.ok) return false;
      await reopenClient();
      status.done('consent.withdrawn');
      changed();
      return true;
    },
    async createNetwork() {
      const c = client.value;
      if (!c) return null;
      const r = await call('createNetwork', { clientId: c.client.id });
      if (!r.ok) return null;
      await reopenClient();
      status.done('network.created');
      return r.value.id;
    },
    async openNetwork(id) {
      if (network.value?.network.id !== id) network.value = null;
      const r = await call('readNetwork', { networkId: id });
      network.value = r.ok ? r.value : null;
    },
    linkPatientCard: (system, patientRef) =>
      networkStep((networkId) => call('linkPatientCard', { networkId, system, patientRef }), 'network.cardLinked'),
    inviteToPortal: (email) => networkStep((networkId) => call('inviteToPortal', { networkId, email }), 'network.invited'),
    markPortalActivated: () => networkStep((networkId) => call('markPortalActivated', { networkId }), 'network.activated'),
    async suggest(orgId) {
      const n = network.value;
      if (!n) return null;
      const r = await call('suggestRecipients', { networkId: n.network.id, orgId });
      return r.ok ? r.value : null;
    },
    async startConversation(input) {
      const r = await call('startConversation', { ...input, messageId: newId() });
      if (!r.ok) return null;
      status.done('conversation.started');
      changed();
      return r.value.id;
    },
    async requestHandover(conversationId, inboxId) {
      return networkStep((networkId) => call('requestHandover', { networkId, conversationId, inboxId }), 'handover.sent');
    },
    async loadHistory(clientId, from, to) {
      const r = await call('accessHistory', { clientId, from, to });
      history.value = r.ok ? r.value : null;
      return r.ok;
    },
  };
  return model;
}
