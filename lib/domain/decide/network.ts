import type { Client, Consent, Network, StepKey } from '../care';
import type { Command } from '../commands';
import type { Conversation, InboxItem } from '../conversation';
import type { Organisation, Professional, SharedInbox } from '../organisation';
import { isGpPractice, isOpen, isParticipant, mayRequestHandover, readsContents } from '../capabilities';
import {
  accept, addUnique, audit, canSeeClient, canSeeNetwork, put, refuse, refuseAudited,
  type Actor, type Decision, type Env, type Put, type Refusal,
} from '../kernel';
import { hasActiveConsent } from './consent';

const stepBy = (actor: Actor, at: string) => ({
  by: actor.professional.id, byName: actor.professional.name, orgName: actor.org.name, at,
});

/** R1, R4: a network needs an active consent; the initiator's kind picks its checklist. */
export function createNetwork(
  actor: Actor, env: Env, _cmd: Command<'createNetwork'>,
  ctx: { client?: Client; consents: Consent[]; networks: Network[]; recorder?: Professional; recorderOrg?: Organisation },
): Decision<Network> {
  if (!ctx.client || !canSeeClient(actor, ctx.client)) return refuse('not-found');
  if (!hasActiveConsent(ctx.consents)) return refuse('consent-required');
  if (ctx.networks.some((n) => n.status === 'open')) return refuse('network-exists');
  const consent = ctx.consents.filter((c) => c.status === 'active').sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0]!;
  const network: Network = {
    id: env.newId(),
    clientId: ctx.client.id,
    initiator: actor.org.kind === 'gp' ? 'gp' : 'homecare',
    createdBy: actor.professional.id,
    createdByOrg: actor.org.id,
    createdAt: env.now,
    status: 'open',
    orgIds: [actor.org.id],
    steps: {
      consent: {
        by: consent.recordedBy,
        byName: ctx.recorder?.name ?? '',
        orgName: ctx.recorderOrg?.name ?? '',
        at: consent.recordedAt,
      },
      network: stepBy(actor, env.now),
    },
  };
  return accept(network, [
    put('networks', network),
    audit(actor, env, { event: 'create', action: 'createNetwork', clientId: network.clientId, objectType: 'network', objectId: network.id }),
  ]);
}

/** Shared checks for changing a network: visible, writable (R3), optionally the practice's (R5, R6). */
function writableNetwork(actor: Actor, network: Network | undefined, gpOnly: boolean): Refusal | null {
  if (!network || !canSeeNetwork(actor, network)) return refuse('not-found');
  if (!isOpen(network)) return refuse('network-read-only');
  if (gpOnly && !isGpPractice(actor.org)) return refuse('gp-only');
  return null;
}

/**
 * R18: a handover request is done once the practice has linked the patient
 * card and invited the resident; its task marker leaves the inbox rows.
 */
function withStep(actor: Actor, env: Env, network: Network, step: StepKey, items: InboxItem[]): Put[] {
  const next: Network = { ...network, steps: { ...network.steps, [step]: stepBy(actor, env.now) } };
  const puts: Put[] = [];
  const h = next.handover;
  if (h?.status === 'open' && next.patientCard && next.portal) {
    next.handover = { ...h, status: 'done', completedAt: env.now, completedBy: actor.professional.id };
    for (const item of items.filter((i) => i.conversationId === h.conversationId && i.openTask)) {
      puts.push(put('inboxItems', { ...item, openTask: false }));
    }
  }
  puts.unshift(put('networks', next));
  return puts;
}

/** R5: only a GP practice links its own system's patient reference. */
export function linkPatientCard(
  actor: Actor, env: Env, cmd: Command<'linkPatientCard'>,
  ctx: { network?: Network; handoverItems: InboxItem[] },
): Decision<Network> {
  const refused = writableNetwork(actor, ctx.network, true);
  if (refused) return refused;
  const network: Network = {
    ...ctx.network!,
    patientCard: { system: cmd.system, patientRef: cmd.patientRef, linkedBy: actor.professional.id, linkedAt: env.now },
  };
  const puts = withStep(actor, env, network, 'patientCard', ctx.handoverItems);
  puts.push(audit(actor, env, { event: 'update', action: 'linkPatientCard', clientId: network.clientId, objectType: 'patientCard', objectId: network.id }));
  return accept(puts[0]!.value as Network, puts);
}

/** R6: the GP practice invites the resident to the patient portal. */
export function inviteToPortal(
  actor: Actor, env: Env, cmd: Command<'inviteToPortal'>,
  ctx: { network?: Network; handoverItems: InboxItem[] },
): Decision<Network> {
  const refused = writableNetwork(actor, ctx.network, true);
  if (refused) return refused;
  // Inviting again (a new address, a lost e-mail) keeps an activation that happened: the resident stays addable.
  const activatedAt = ctx.network!.portal?.activatedAt;
  const network: Network = {
    ...ctx.network!,
    portal: { email: cmd.email, invitedBy: actor.professional.id, invitedAt: env.now, ...(activatedAt && { activatedAt }) },
  };
  const puts = withStep(actor, env, network, 'portalInvited', ctx.handoverItems);
  puts.push(audit(actor, env, { event: 'update', action: 'inviteToPortal', clientId: network.clientId, objectType: 'portal', objectId: network.id }));
  return accept(puts[0]!.value as Network, puts);
}

/** R6: recorded by the practice once the portal reports the resident's activation. */
export function markPortalActivated(
  actor: Actor, env: Env, _cmd: Command<'markPortalActivated'>, ctx: { network?: Network },
): Decision<Network> {
  const refused = writableNetwork(actor, ctx.network, true);
  if (refused) return refused;
  const portal = ctx.network!.portal;
  if (!portal) return refuse('portal-not-invited');
  const network: Network = { ...ctx.network!, portal: { ...portal, activatedAt: portal.activatedAt ?? env.now } };
  const puts = withStep(actor, env, network, 'portalActivated', []);
  puts.push(audit(actor, env, { event: 'update', action: 'markPortalActivated', clientId: network.clientId, objectType: 'portal', objectId: network.id }));
  return accept(puts[0]!.value as Network, puts);
}

/** R18: the home-care start ends with a task in the GP practice's shared inbox. */
export function requestHandover(
  actor: Actor, env: Env, cmd: Command<'requestHandover'>,
  ctx: { network?: Network; conversation?: Conversation; inbox?: SharedInbox; inboxOrg?: Organisation; items: InboxItem[] },
): Decision<Network> {
  const refused = writableNetwork(actor, ctx.network, false);
  if (refused) return refused;
  const network = ctx.network!;
  const conv = ctx.conversation;
  if (!conv || conv.networkId !== network.id || !isParticipant(conv, actor.professional.id)) return refuse('not-found');
  if (network.handover) return refuse('handover-exists');
  if (!readsContents(actor.professional)) return refuse('contents-restricted');
  if (!mayRequestHandover(actor.professional, actor.org, network)) return refuse('handover-from-home-care');
  if (!ctx.inbox || ctx.inbox.id !== cmd.inboxId) return refuse('not-found', 'inbox');
  if (ctx.inboxOrg?.kind !== 'gp' || !conv.inboxes.some((i) => i.inboxId === cmd.inboxId)) {
    return refuse('handover-needs-gp-inbox');
  }
  const next: Network = {
    ...network,
    handover: { conversationId: conv.id, inboxId: cmd.inboxId, requestedBy: actor.professional.id, requestedAt: env.now, status: 'open' },
  };
  const puts = withStep(actor, env, next, 'handoverRequested', []);
  // The practice may have linked the card and invited the resident already: then the request is done at once
  // and no task is left open in its inbox.
  const stillOpen = (puts[0]!.value as Network).handover?.status === 'open';
  for (const item of ctx.items.filter((i) => stillOpen && i.conversationId === conv.id && i.via === cmd.inboxId)) {
    puts.push(put('inboxItems', { ...item, openTask: true, archived: 0, unread: 1, lastActivity: env.now }));
  }
  puts.push(audit(actor, env, { event: 'update', action: 'requestHandover', clientId: network.clientId, objectType: 'handover', objectId: network.id }));
  return accept(puts[0]!.value as Network, puts);
}

export interface NetworkView { network: Network; client: Client; conversations: Conversation[] }

/** Reading a network (with its checklist) is a read of client data (R15); it lists only conversations one takes part in. */
export function readNetwork(
  actor: Actor, env: Env, cmd: Command<'readNetwork'>, ctx: { network?: Network; client?: Client; conversations: Conversation[] },
): Decision<NetworkView> {
  const n = ctx.network;
  if (!n || !ctx.client || !canSeeNetwork(actor, n)) {
    return refuseAudited('not-found', actor, env, { event: 'read', action: 'readNetwork', objectType: 'network', objectId: cmd.networkId });
  }
  const conversations = ctx.conversations.filter((c) => isParticipant(c, actor.professional.id));
  return accept({ network: n, client: ctx.client, conversations }, [
    audit(actor, env, { event: 'read', action: 'readNetwork', clientId: n.clientId, objectType: 'network', objectId: n.id }),
  ]);
}

/** When another organisation joins a conversation it takes part in the network, and sees its client. */
export function joinOrganisations(network: Network, client: Client | undefined, orgIds: string[]): Put[] {
  const puts: Put[] = [];
  const nextOrgs = addUnique(network.orgIds, ...orgIds);
  if (nextOrgs.length !== network.orgIds.length) puts.push(put('networks', { ...network, orgIds: nextOrgs }));
  if (client) {
    const clientOrgs = addUnique(client.orgIds, ...orgIds);
    if (clientOrgs.length !== client.orgIds.length) puts.push(put('clients', { ...client, orgIds: clientOrgs }));
  }
  return puts;
}
