import type {
  AuditEvent as FhirAuditEvent, CareTeam, Communication, Consent as FhirConsent, Organization, Patient, PractitionerRole,
  Reference, RelatedPerson, Task,
} from '@medplum/fhirtypes';
import type {
  AuditEvent, Client, Consent, Conversation, Message, Network, Organisation, Professional, SharedInbox, StepKey,
} from '../../lib/domain';

/** The naming systems and code systems of the mapping (server/README.md, "Record API (FHIR)"). */
export const SYSTEMS = {
  bsn: 'http://fhir.nl/fhir/NamingSystem/bsn',
  inbox: 'https://netwerkzorg.nl/fhir/NamingSystem/shared-inbox',
  object: 'https://netwerkzorg.nl/fhir/NamingSystem/object',
  role: 'https://netwerkzorg.nl/fhir/CodeSystem/professional-role',
  orgKind: 'https://netwerkzorg.nl/fhir/CodeSystem/organisation-kind',
  auditObject: 'https://netwerkzorg.nl/fhir/CodeSystem/audit-object',
  auditSource: 'https://netwerkzorg.nl/fhir/CodeSystem/audit-source',
  consentText: 'https://netwerkzorg.nl/fhir/StructureDefinition/consent-text-sha256',
  initiator: 'https://netwerkzorg.nl/fhir/StructureDefinition/network-initiator',
  attachmentHash: 'https://netwerkzorg.nl/fhir/StructureDefinition/attachment-sha256',
} as const;

/** The names of the region, for display in references (a reference names what it points at). */
export interface Directory {
  organisations: ReadonlyMap<string, Organisation>;
  professionals: ReadonlyMap<string, Professional>;
  inboxes: ReadonlyMap<string, SharedInbox>;
}

/** A reference to any type: which types a field takes is the FHIR definition's, checked by the validator in the tests. */
const ref = (type: string, id: string, display?: string): Reference<never> => (display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` });
const orgRef = (dir: Directory, id: string) => ref('Organization', id, dir.organisations.get(id)?.name);
const personRef = (dir: Directory, id: string) => ref('PractitionerRole', id, dir.professionals.get(id)?.name);
const inboxRef = (dir: Directory, inboxId: string): Reference<never> => {
  const inbox = dir.inboxes.get(inboxId);
  // A shared inbox is a desk of its organisation: the reference is the organisation, the identifier the inbox.
  return {
    ...(inbox ? { reference: `Organization/${inbox.orgId}` } : {}),
    identifier: { system: SYSTEMS.inbox, value: inboxId },
    display: inbox ? `${inbox.name} (${dir.organisations.get(inbox.orgId)?.name ?? inbox.orgId})` : inboxId,
  };
};
/** A participant of a conversation: a professional, or the resident (R6) as the patient. */
const participantRef = (dir: Directory, conv: Pick<Conversation, 'clientId'>, id: string, clientName?: string) =>
  id === conv.clientId ? ref('Patient', id, clientName) : personRef(dir, id);

const meta = (lastUpdated: string) => ({ lastUpdated });

export function toPatient(c: Client): Patient {
  return {
    resourceType: 'Patient', id: c.id, meta: meta(c.createdAt),
    ...(c.bsn ? { identifier: [{ system: SYSTEMS.bsn, value: c.bsn }] } : {}),
    active: true,
    name: [{ text: c.name }],
    birthDate: c.birthDate,
  };
}

export function toOrganization(o: Organisation): Organization {
  return {
    resourceType: 'Organization', id: o.id, active: true, name: o.name,
    type: [{ coding: [{ system: SYSTEMS.orgKind, code: o.kind }] }],
  };
}

export function toPractitionerRole(p: Professional, dir: Directory): PractitionerRole {
  return {
    resourceType: 'PractitionerRole', id: p.id, meta: meta(p.deactivatedAt ?? p.createdAt), active: p.active,
    practitioner: { display: p.name },
    organization: orgRef(dir, p.orgId),
    code: [{ coding: [{ system: SYSTEMS.role, code: p.role }] }],
    telecom: [{ system: 'email', value: p.email, use: 'work' }],
  };
}

/** R1, R2, R3: the consent, with the standard text's version and hash as its policy; a carer as RelatedPerson. */
export function toConsent(c: Consent, client: Client, dir: Directory): FhirConsent {
  const carer: RelatedPerson | undefined = c.givenBy.kind === 'carer'
    ? { resourceType: 'RelatedPerson', id: 'carer', patient: ref('Patient', client.id, client.name), name: [{ text: c.givenBy.name }], relationship: [{ text: c.givenBy.relation }] }
    : undefined;
  return {
    resourceType: 'Consent', id: c.id, meta: meta(c.withdrawnAt ?? c.recordedAt),
    ...(carer ? { contained: [carer] } : {}),
    status: c.status === 'active' ? 'active' : 'inactive',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref('Patient', client.id, client.name),
    dateTime: c.recordedAt,
    performer: [carer ? { reference: '#carer', display: c.givenBy.kind === 'carer' ? c.givenBy.name : undefined } : ref('Patient', client.id, client.name)],
    organization: [orgRef(dir, c.recordedByOrg)],
    policy: [{ uri: `urn:netwerkzorg:consent-text:${c.textId}:v${c.textVersion}` }],
    extension: [{ url: SYSTEMS.consentText, valueString: c.textHash }],
    provision: {
      type: 'permit',
      period: { start: c.recordedAt, ...(c.withdrawnAt ? { end: c.withdrawnAt } : {}) },
      actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'AUT' }] }, reference: personRef(dir, c.recordedBy) }],
    },
  };
}

/** R4: the network as a care team: its organisations and the people in its conversations, the checklist as notes. */
export function toCareTeam(n: Network, client: Client, people: readonly string[], dir: Directory): CareTeam {
  const steps = Object.entries(n.steps) as [StepKey, NonNullable<Network['steps'][StepKey]>][];
  return {
    resourceType: 'CareTeam', id: n.id, meta: meta(steps.reduce((at, [, s]) => (s.at > at ? s.at : at), n.createdAt)),
    status: n.status === 'open' ? 'active' : 'suspended',
    name: `Netwerk van ${client.name}`,
    subject: ref('Patient', client.id, client.name),
    period: { start: n.createdAt },
    managingOrganization: [orgRef(dir, n.createdByOrg)],
    extension: [{ url: SYSTEMS.initiator, valueCode: n.initiator }],
    participant: [
      ...n.orgIds.map((id) => ({ member: orgRef(dir, id) })),
      // A PractitionerRole names its organisation itself (FHIR's ctm-1 allows onBehalfOf only beside a Practitioner).
      ...people.filter((id) => id !== client.id).map((id) => ({ member: personRef(dir, id) })),
    ],
    note: steps.map(([key, s]) => ({ time: s.at, authorString: `${s.byName} (${s.orgName})`, text: `checklist: ${key}` })),
  };
}

/** A conversation as one thread header (R6–R10): each of its messages is `partOf` it. */
export function toThread(conv: Conversation, client: Client, dir: Directory): Communication {
  return {
    resourceType: 'Communication', id: conv.id, meta: meta(conv.lastActivity),
    status: 'completed',
    subject: ref('Patient', client.id, client.name),
    topic: { text: conv.subject },
    sent: conv.createdAt,
    sender: personRef(dir, conv.createdBy),
    recipient: [
      ...conv.participants.filter((p) => p.id !== conv.createdBy && !p.viaInboxId).map((p) => participantRef(dir, conv, p.id, client.name)),
      ...conv.inboxes.map((i) => inboxRef(dir, i.inboxId)),
    ],
  };
}

/** One message: its thread, the one it answers, sender, recipients and files (R20: size and hash). */
export function toCommunication(m: Message, conv: Conversation, client: Client, previous: Message | undefined, dir: Directory, baseUrl: string): Communication {
  const recipients = conv.participants.filter((p) => p.id !== m.authorId && p.addedAt <= m.createdAt && !p.viaInboxId);
  return {
    resourceType: 'Communication', id: m.id, meta: meta(m.createdAt),
    partOf: [ref('Communication', conv.id, conv.subject)],
    ...(previous ? { inResponseTo: [ref('Communication', previous.id)] } : {}),
    status: 'completed',
    subject: ref('Patient', client.id, client.name),
    topic: { text: conv.subject },
    sent: m.createdAt,
    sender: m.authorKind === 'client' ? ref('Patient', client.id, m.authorName) : ref('PractitionerRole', m.authorId, `${m.authorName} (${m.authorOrgName})`),
    recipient: [
      ...recipients.map((p) => participantRef(dir, conv, p.id, client.name)),
      ...conv.inboxes.filter((i) => i.addedAt <= m.createdAt).map((i) => inboxRef(dir, i.inboxId)),
    ],
    payload: [
      ...(m.text ? [{ contentString: m.text }] : []),
      ...(m.attachments ?? []).map((a) => ({
        contentAttachment: {
          contentType: a.type, title: a.name, size: a.bytes, url: `${baseUrl}/api/v1/attachments/${a.id}`,
          // FHIR's `hash` is SHA-1; the product keeps SHA-256, given beside it.
          extension: [{ url: SYSTEMS.attachmentHash, valueString: a.sha256 }],
        },
      })),
    ],
  };
}

/** R18: the handover request as a task owned by the practice's shared inbox. */
export function toTask(n: Network, client: Client, dir: Directory): Task | undefined {
  const h = n.handover;
  if (!h) return undefined;
  return {
    resourceType: 'Task', id: n.id, meta: meta(h.completedAt ?? h.requestedAt),
    status: h.status === 'open' ? 'requested' : 'completed',
    intent: 'order',
    code: { text: 'Overdracht naar de huisartsenpraktijk' },
    focus: ref('Communication', h.conversationId),
    for: ref('Patient', client.id, client.name),
    authoredOn: h.requestedAt,
    lastModified: h.completedAt ?? h.requestedAt,
    requester: personRef(dir, h.requestedBy),
    owner: inboxRef(dir, h.inboxId),
    ...(h.completedBy ? { note: [{ authorReference: personRef(dir, h.completedBy), time: h.completedAt, text: 'afgerond' }] } : {}),
  };
}

const ACTION = { read: 'R', create: 'C', update: 'U' } as const;

/** R15, NEN 7513 (the Logius field list): event, action, time, outcome, user and responsible user, role, organisation, client, object, source, emergency. */
export function toAuditEvent(e: AuditEvent, dir: Directory): FhirAuditEvent {
  const user = e.userId.startsWith('system:') ? { display: e.userId } : personRef(dir, e.userId);
  return {
    resourceType: 'AuditEvent', id: e.id, meta: meta(e.at),
    type: e.clientId !== undefined
      ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' }
      : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: SYSTEMS.auditObject, code: e.action }],
    action: ACTION[e.event],
    recorded: e.at,
    outcome: e.outcome === 'success' ? '0' : '4',
    ...(e.outcome === 'refused' ? { outcomeDesc: 'geweigerd' } : {}),
    ...(e.emergency ? { purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT', display: 'Emergency Treatment' }], ...(e.reason ? { text: e.reason } : {}) }] } : {}),
    agent: [
      { who: user, requestor: true, role: [{ coding: [{ system: SYSTEMS.role, code: e.role }] }] },
      ...(e.responsibleUserId !== e.userId ? [{ who: personRef(dir, e.responsibleUserId), requestor: false, type: { text: 'verantwoordelijke' } }] : []),
      { who: orgRef(dir, e.orgId), requestor: false },
    ],
    source: {
      observer: { display: 'Netwerkzorg' },
      site: e.source,
      type: [{ system: SYSTEMS.auditSource, code: e.source }],
    },
    entity: [
      ...(e.clientId !== undefined ? [{ what: ref('Patient', e.clientId), type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' } }] : []),
      { what: { identifier: { system: SYSTEMS.object, value: e.objectId } }, type: { system: SYSTEMS.auditObject, code: e.objectType } },
    ],
  };
}
