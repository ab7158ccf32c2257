import { describe, expect, it } from 'vitest';
import {
  isReadScope, mayReadAuditRecord, mayReadClient, mayReadConversation, recordReadAudit, scopeAllows, type AuditEvent, type RecordReader,
} from '../../../lib/domain';
import { aConversation, actorOf, aNetwork, client, makeEnv, org, otherClient, people } from '../../fixtures/domain';

const person = (p: (typeof people)[keyof typeof people]): RecordReader => ({ kind: 'person', actor: actorOf(p) });
const system = (orgId: string, scopes: string[] = ['system/*.rs']): RecordReader => ({ kind: 'system', system: { id: 'his-1', orgId, scopes } });

describe('the record API: who reads what (lib/domain/record-access.ts)', () => {
  const conv = aConversation();
  const network = aNetwork();
  const orgsInIt = [org.gp.id, org.homecare.id];

  it('R8: a participant with a care role reads the messages; a colleague who is not in the conversation does not', () => {
    expect(mayReadConversation(person(people.assistant), conv, network, orgsInIt)).toBe(true);
    expect(mayReadConversation(person(people.nurse), conv, network, orgsInIt)).toBe(true);
    expect(mayReadConversation(person(people.poh), conv, network, orgsInIt)).toBe(false);
  });

  it('R13: the account manager without a care role reads no messages through the record API (it has no emergency step)', () => {
    expect(mayReadConversation(person(people.gpManager), conv, network, orgsInIt)).toBe(false);
  });

  it('R8: a system reads the conversations its organisation takes part in, in networks it is in; another organisation’s reads none', () => {
    expect(mayReadConversation(system(org.homecare.id), conv, network, orgsInIt)).toBe(true);
    expect(mayReadConversation(system(org.gp.id), conv, network, [org.homecare.id])).toBe(false);
    expect(mayReadConversation(system(org.neighbourhood.id), conv, network, [...orgsInIt, org.neighbourhood.id])).toBe(false);
  });

  it('deny by default: a client is seen only by the organisations that may see them', () => {
    expect(mayReadClient(system(org.gp.id), client)).toBe(true);
    expect(mayReadClient(system(org.gp.id), otherClient)).toBe(false);
    expect(mayReadClient(person(people.nurse), otherClient)).toBe(false);
  });

  it('R15: audit records of a client for those who may see the client; administrative ones for the account manager and the organisation’s systems', () => {
    const admin = { orgId: org.gp.id, clientId: undefined } as Pick<AuditEvent, 'orgId' | 'clientId'>;
    expect(mayReadAuditRecord(person(people.assistant), { orgId: org.homecare.id, clientId: client.id }, client)).toBe(true);
    expect(mayReadAuditRecord(person(people.assistant), { orgId: org.gp.id, clientId: otherClient.id }, otherClient)).toBe(false);
    expect(mayReadAuditRecord(person(people.assistant), admin, undefined)).toBe(false);
    expect(mayReadAuditRecord(person(people.gpManager), admin, undefined)).toBe(true);
    expect(mayReadAuditRecord(system(org.gp.id), admin, undefined)).toBe(true);
    expect(mayReadAuditRecord(system(org.homecare.id), admin, undefined)).toBe(false);
  });

  it('SMART scopes: read and search by type, v1 and v2 forms; a person is not scoped', () => {
    const s = system(org.gp.id, ['system/Communication.rs', 'system/Patient.read', 'system/Task.s']);
    expect(scopeAllows(s, 'Communication', 'read')).toBe(true);
    expect(scopeAllows(s, 'Communication', 'search')).toBe(true);
    expect(scopeAllows(s, 'Patient', 'search')).toBe(true);
    expect(scopeAllows(s, 'Task', 'read')).toBe(false);
    expect(scopeAllows(s, 'AuditEvent', 'search')).toBe(false);
    expect(scopeAllows(system(org.gp.id), 'AuditEvent', 'read')).toBe(true);
    expect(scopeAllows(person(people.nurse), 'AuditEvent', 'read')).toBe(true);
    expect(['system/*.rs', 'system/Patient.read', 'system/Task.s'].every(isReadScope)).toBe(true);
    expect(['system/Patient.cruds', 'user/Patient.rs', 'system/Patient.', 'system/*.*'].some(isReadScope)).toBe(false);
  });

  it('R15: a system’s read is recorded under its own name, role and organisation, from source fhir; a person’s as their own', () => {
    const sys = recordReadAudit(system(org.gp.id), makeEnv(), { clientId: client.id, objectType: 'message', objectId: 'm-1', action: 'fhir.read.Communication' });
    expect(sys.value).toMatchObject({ userId: 'system:his-1', responsibleUserId: 'system:his-1', role: 'system', orgId: org.gp.id, clientId: client.id, source: 'fhir', event: 'read', outcome: 'success' });
    const own = recordReadAudit(person(people.nurse), makeEnv(), { clientId: client.id, objectType: 'client', objectId: client.id, action: 'fhir.read.Patient' });
    expect(own.value).toMatchObject({ userId: people.nurse.id, role: people.nurse.role, orgId: people.nurse.orgId, source: 'fhir' });
  });
});
