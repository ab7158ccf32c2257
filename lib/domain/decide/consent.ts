import type { Client, Consent, ConsentText, Network } from '../care';
import type { Command } from '../commands';
import { accept, audit, canSeeClient, put, refuse, type Actor, type Decision, type Env, type Put } from '../kernel';

/**
 * A client of the actor's organisation. A BSN is kept to one client per
 * organisation; a client known only to other organisations is not told apart
 * from one unknown (that would reveal that a person is a client elsewhere):
 * the organisation gets its own record, until a network joins the two.
 */
export function createClient(
  actor: Actor, env: Env, cmd: Command<'createClient'>, ctx: { sameBsn: Client[] },
): Decision<Client> {
  if (ctx.sameBsn.some((c) => canSeeClient(actor, c))) return refuse('client-exists');
  const client: Client = { id: env.newId(), ...cmd, orgIds: [actor.org.id], createdAt: env.now };
  return accept(client, [
    put('clients', client),
    audit(actor, env, { event: 'create', action: 'createClient', clientId: client.id, objectType: 'client', objectId: client.id }),
  ]);
}

/** R2: a region-wide text; each publication is a new version, earlier consents keep theirs. */
export function publishConsentText(
  actor: Actor, env: Env, cmd: Command<'publishConsentText'>, ctx: { texts: ConsentText[]; hash: string },
): Decision<ConsentText> {
  if (!actor.professional.isRegionalAdmin) return refuse('regional-admin-only');
  const text: ConsentText = {
    id: env.newId(),
    version: (ctx.texts[0]?.version ?? 0) + 1,
    text: cmd.text,
    hash: ctx.hash,
    publishedBy: actor.professional.id,
    publishedAt: env.now,
  };
  return accept(text, [put('consentTexts', text)]);
}

/** R2: recorded with the current standard text, keeping its id, version and hash. */
export function recordConsent(
  actor: Actor, env: Env, cmd: Command<'recordConsent'>, ctx: { client?: Client; texts: ConsentText[] },
): Decision<Consent> {
  if (!ctx.client || !canSeeClient(actor, ctx.client)) return refuse('not-found');
  const text = ctx.texts[0];
  if (!text || text.id !== cmd.textId) return refuse('consent-text-outdated');
  const consent: Consent = {
    id: env.newId(),
    clientId: ctx.client.id,
    givenBy: cmd.givenBy,
    method: cmd.method,
    recordedBy: actor.professional.id,
    recordedByOrg: actor.org.id,
    recordedAt: env.now,
    textId: text.id,
    textVersion: text.version,
    textHash: text.hash,
    status: 'active',
  };
  return accept(consent, [
    put('consents', consent),
    audit(actor, env, { event: 'create', action: 'recordConsent', clientId: consent.clientId, objectType: 'consent', objectId: consent.id }),
  ]);
}

/** R3: one action withdraws the client's consent; their networks become read-only, history stays. */
export function withdrawConsent(
  actor: Actor, env: Env, _cmd: Command<'withdrawConsent'>,
  ctx: { client?: Client; consents: Consent[]; networks: Network[] },
): Decision<{ withdrawn: number }> {
  if (!ctx.client || !canSeeClient(actor, ctx.client)) return refuse('not-found');
  const active = ctx.consents.filter((c) => c.status === 'active');
  if (active.length === 0) return refuse('consent-not-active');
  const clientId = ctx.client.id;
  const puts: Put[] = [];
  for (const c of active) {
    puts.push(put('consents', { ...c, status: 'withdrawn', withdrawnAt: env.now, withdrawnBy: actor.professional.id }));
    puts.push(audit(actor, env, { event: 'update', action: 'withdrawConsent', clientId, objectType: 'consent', objectId: c.id }));
  }
  for (const n of ctx.networks.filter((n) => n.status === 'open')) {
    puts.push(put('networks', { ...n, status: 'readOnly' }));
    puts.push(audit(actor, env, { event: 'update', action: 'withdrawConsent', clientId, objectType: 'network', objectId: n.id }));
  }
  return accept({ withdrawn: active.length }, puts);
}

export const hasActiveConsent = (consents: readonly Consent[]) => consents.some((c) => c.status === 'active');
