import { ADMIN_HISTORY_SCAN, type AuditEvent } from '../audit';
import type { Client, Consent, Network } from '../care';
import type { Command } from '../commands';
import { readsAdminHistory } from '../capabilities';
import type { Organisation, SharedInbox } from '../organisation';
import { accept, audit, canSeeClient, canSeeNetwork, refuse, refuseAudited, type Actor, type Decision, type Env } from '../kernel';
import { recipientSuggestion, type RecipientSuggestion } from '../recipients';

export interface ClientView { client: Client; consents: Consent[]; networks: Network[] }

/** Opening a client's overview is a read of client data (R15). */
export function readClient(
  actor: Actor, env: Env, cmd: Command<'readClient'>, ctx: { client?: Client; consents: Consent[]; networks: Network[] },
): Decision<ClientView> {
  const client = ctx.client;
  if (!client || !canSeeClient(actor, client)) return refuseAudited('not-found', actor, env, { event: 'read', action: 'readClient', objectType: 'client', objectId: cmd.clientId });
  return accept({ client, consents: ctx.consents, networks: ctx.networks.filter((n) => canSeeNetwork(actor, n)) }, [
    audit(actor, env, { event: 'read', action: 'readClient', clientId: client.id, objectType: 'client', objectId: client.id }),
  ]);
}

/**
 * The client with this BSN (the record on screen), looked up without listing
 * every client: only one my organisation may see. Deny by default: no client,
 * or only another organisation's, is the same `not-found`. R15: every look-up
 * is audited with its outcome; a refused one names no BSN and no client.
 */
export function findClientByBsn(actor: Actor, env: Env, _cmd: Command<'findClientByBsn'>, ctx: { withBsn: Client[] }): Decision<Client> {
  const client = ctx.withBsn.find((c) => canSeeClient(actor, c));
  if (!client) return refuseAudited('not-found', actor, env, { event: 'read', action: 'findClientByBsn', objectType: 'client', objectId: 'bsn' });
  return accept(client, [audit(actor, env, { event: 'read', action: 'findClientByBsn', clientId: client.id, objectType: 'client', objectId: client.id })]);
}

/** R15: the client's access history over a period, for those who may see the client. */
export function accessHistory(
  actor: Actor, _env: Env, cmd: Command<'accessHistory'>, ctx: { client?: Client; events: AuditEvent[] },
): Decision<AuditEvent[]> {
  if (!ctx.client || !canSeeClient(actor, ctx.client)) return refuse('not-found');
  if (cmd.from > cmd.to) return refuse('period-invalid');
  const { lower, upper } = periodBounds(cmd.from, cmd.to);
  return accept(ctx.events.filter((e) => e.clientId === ctx.client!.id && e.at >= lower && e.at <= upper), []);
}

/**
 * R15: an organisation's administrative changes over a period (who, what, whom, when), and its
 * people's refused attempts on client data, for its account manager and the regional administrator.
 * Another organisation's account manager is told nothing (not-found); a colleague without the role
 * is refused. The records of client data are not among them: those are each client's access history. `complete` is false when the period held more
 * records than one read takes (ADMIN_HISTORY_SCAN): a shorter period then shows the rest.
 */
export function adminHistory(
  actor: Actor, _env: Env, cmd: Command<'adminHistory'>, ctx: { org?: Organisation; events: AuditEvent[] },
): Decision<{ events: AuditEvent[]; complete: boolean }> {
  const me = actor.professional;
  if (!ctx.org || (ctx.org.id !== me.orgId && !me.isRegionalAdmin)) return refuse('not-found');
  if (!readsAdminHistory(me, ctx.org.id)) return refuse('account-manager-only');
  if (cmd.from > cmd.to) return refuse('period-invalid');
  const { lower, upper } = periodBounds(cmd.from, cmd.to);
  const events = ctx.events.filter((e) => e.orgId === ctx.org!.id && e.clientId === undefined && e.at >= lower && e.at <= upper);
  return accept({ events, complete: ctx.events.length < ADMIN_HISTORY_SCAN }, []);
}

/** The UTC instants bounding a period of whole days, for an index range. */
export function periodBounds(from: string, to: string) {
  return { lower: `${from}T00:00:00.000Z`, upper: `${to}T23:59:59.999Z` };
}

export type { RecipientSuggestion };

/** R17: writing to an organisation new to the network, its primary shared inbox is proposed. */
export function suggestRecipients(
  actor: Actor, _env: Env, cmd: Command<'suggestRecipients'>, ctx: { network?: Network; inboxes: SharedInbox[] },
): Decision<RecipientSuggestion> {
  if (!ctx.network || !canSeeNetwork(actor, ctx.network)) return refuse('not-found');
  return accept(recipientSuggestion(ctx.inboxes, cmd.orgId, ctx.network.orgIds), []);
}
