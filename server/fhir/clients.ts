import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Id, isReadScope } from '../../lib/domain';

/**
 * The systems an organisation registered for the record API (SMART Backend Services): per client id its
 * organisation, its public keys (a JWK Set; never a private key: the system keeps that) and the scopes
 * it may be given. From the file NZ_FHIR_CLIENTS names; see server/README.md, "Record API (FHIR)".
 */
const PublicJwk = z.looseObject({ kty: z.enum(['RSA', 'EC']), kid: z.string().max(200).optional() })
  .refine((k) => !('d' in k), 'a private key: register the public key only');

export const FhirClientRegistration = z.strictObject({
  orgId: Id,
  jwks: z.strictObject({ keys: z.array(PublicJwk).min(1).max(10) }),
  scopes: z.array(z.string().refine(isReadScope, 'a read scope such as system/Communication.rs')).min(1),
});
export type FhirClientRegistration = z.infer<typeof FhirClientRegistration>;

export const FhirClients = z.record(Id, FhirClientRegistration);
export type FhirClients = z.infer<typeof FhirClients>;

/** Reads and checks the registrations (a mistake stops the start, with the path of what is wrong). */
export function fhirClientsFromFile(path: string | undefined): FhirClients {
  if (!path) return {};
  const parsed = FhirClients.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`NZ_FHIR_CLIENTS (${path}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
