import type { CapabilityStatement } from '@medplum/fhirtypes';
import { TOKEN_PATH } from './smart';

/** Each resource type the record API serves, and the searches a record system needs (server/README.md). */
export const SEARCHES: Record<string, { name: string; type: 'token' | 'reference' | 'date' | 'string'; documentation: string }[]> = {
  Patient: [{ name: 'identifier', type: 'token', documentation: 'http://fhir.nl/fhir/NamingSystem/bsn|{bsn}: how a record system finds its patient' }],
  Consent: [{ name: 'patient', type: 'reference', documentation: 'Patient/{id}' }],
  CareTeam: [{ name: 'patient', type: 'reference', documentation: 'Patient/{id}' }],
  Communication: [
    { name: 'subject', type: 'reference', documentation: 'Patient/{id}: the client\'s messages and thread headers, oldest first' },
    { name: '_lastUpdated', type: 'date', documentation: 'gt or ge an instant' },
  ],
  Task: [
    { name: 'owner', type: 'reference', documentation: 'Organization/{id}: handover requests to its shared inbox' },
    { name: 'status', type: 'token', documentation: 'requested | completed' },
  ],
  AuditEvent: [
    { name: 'entity', type: 'reference', documentation: 'Patient/{id}' },
    { name: 'date', type: 'date', documentation: 'ge and le an instant' },
  ],
  Organization: [],
  PractitionerRole: [{ name: 'organization', type: 'reference', documentation: 'Organization/{id}' }],
};

export function capabilityStatement(publicUrl: string, date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Netwerkzorg',
    kind: 'instance',
    implementation: { description: 'Netwerkzorg record API: digital network care for the record systems of the organisations taking part', url: `${publicUrl}/fhir/r4` },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{
      mode: 'server',
      documentation: 'Read and search only. Paged with `next` links (keyset), `_count` up to 100. A person signs in with their session token; a system of an organisation by SMART Backend Services.',
      security: {
        cors: false,
        service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
        extension: [{
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
          extension: [{ url: 'token', valueUri: `${publicUrl}${TOKEN_PATH}` }],
        }],
      },
      resource: Object.entries(SEARCHES).map(([type, params]) => ({
        type: type as never,
        interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
        ...(params.length ? { searchParam: params.map((p) => ({ ...p })) } : {}),
      })),
    }],
  };
}
