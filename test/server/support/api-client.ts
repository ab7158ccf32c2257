import { randomUUID } from 'node:crypto';
import { demoRegion } from '../../../lib/service/demo-region';
import { operations, type OpInput, type OpName } from '../../../lib/contract/operations';
import type { Professional } from '../../../lib/domain';
import { DEMO_PASSWORD } from '../../../server/seed';

/** The demo region's people (what the server seeds), by id. */
export async function demoPeople(): Promise<Map<string, Professional>> {
  const puts = await demoRegion(new Date(0).toISOString());
  return new Map(puts.flatMap((p) => (p.store === 'professionals' ? [[p.value.id, p.value] as const] : [])));
}

/** Demo people who are care professionals: they may write messages. */
export const CARE_PEOPLE = ['p-devries', 'p-jansen', 'p-elamrani', 'p-deboer', 'p-visser', 'p-smit', 'p-yilmaz', 'p-degraaf', 'p-dekker', 'p-ahmadi'] as const;

export interface OpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Signs a demo person in over HTTP; the bearer token. */
export async function signInDemo(url: string, professionalId: string): Promise<string> {
  const email = (await demoPeople()).get(professionalId)?.email;
  if (!email) throw new Error(`no demo person ${professionalId}`);
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = await res.json() as { token?: string; code?: string };
  if (res.status !== 200 || !body.token) throw new Error(`sign-in ${professionalId}: ${res.status} ${body.code}`);
  return body.token;
}

/** One `POST /api/v1/ops/:op`; commands get the given Idempotency-Key (a new one when omitted). */
export async function callOp<K extends OpName>(
  url: string, token: string, op: K, input: OpInput<K>, options: { key?: string; signal?: AbortSignal } = {},
): Promise<OpAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  if (operations[op].kind === 'command') headers['Idempotency-Key'] = options.key ?? randomUUID();
  const res = await fetch(`${url}/api/v1/ops/${op}`, { method: 'POST', headers, body: JSON.stringify(input), signal: options.signal });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body, replayed: res.headers.get('idempotent-replayed') === 'true' };
}

/** Like callOp, but throws unless the answer is a 200. */
export async function mustCall<K extends OpName>(url: string, token: string, op: K, input: OpInput<K>): Promise<Record<string, unknown>> {
  const r = await callOp(url, token, op, input);
  if (r.status !== 200) throw new Error(`${op}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * A network for a demo client (consent recorded first, R1) and `count`
 * conversations in it, each started by the GP practice's `starter` with the
 * given people as participants. Returns the network and conversation ids.
 */
export async function prepareConversations(
  url: string, starterToken: string, options: { clientId?: string; count: number; participants: (i: number) => string[] },
): Promise<{ networkId: string; conversationIds: string[] }> {
  const clientId = options.clientId ?? 'c-pietersen';
  await mustCall(url, starterToken, 'recordConsent', { clientId, textId: 'consent-text-v1', givenBy: { kind: 'client' }, method: 'verbal' });
  const network = await mustCall(url, starterToken, 'createNetwork', { clientId });
  const networkId = network.id as string;
  const conversationIds: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const conv = await mustCall(url, starterToken, 'startConversation', {
      networkId, subject: `Overleg ${i + 1}`, professionalIds: options.participants(i), inboxIds: [],
      messageId: randomUUID(), text: 'Eerste bericht van dit overleg.',
    });
    conversationIds.push(conv.id as string);
  }
  return { networkId, conversationIds };
}
