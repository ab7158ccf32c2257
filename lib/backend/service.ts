import { activeActor, type Actor, type Decision, type Source } from '../domain';
import { handlers } from './handlers';
import { isQuery, operations, type OpInput, type OpName, type OpOutput } from './operations';
import { fail, ok, type Result } from './result';
import type { Store, Tx } from './store';

export interface ServiceOptions {
  now?: () => Date;
  newId?: () => string;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function loadActor(tx: Tx, professionalId: string, source: Source): Promise<Actor | undefined> {
  const professional = await tx.get('professionals', professionalId);
  const org = professional && (await tx.get('organisations', professional.orgId));
  return professional && org ? { professional, org, source } : undefined;
}

/**
 * The application service both backends run: validate the input, open one
 * transaction, load the actor, let the domain decide, store its writes.
 * A refused or invalid command writes nothing.
 */
export function createService(store: Store, options: ServiceOptions = {}) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());

  async function run<K extends OpName>(actorId: string, source: Source, op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>> {
    const spec = operations[op];
    if (!spec) return fail('not-found', 'operation');
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false, code: 'invalid-input',
        issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
      };
    }
    const args = parsed.data as never;
    // Hashing is async crypto: done before the transaction, which must await only itself.
    const hash = op === 'publishConsentText' ? await sha256Hex((args as { text: string }).text) : undefined;
    return store.transaction(isQuery(op) ? 'read' : 'write', async (tx): Promise<Result<OpOutput<K>>> => {
      const actor = await loadActor(tx, actorId, source);
      if (!actor) return fail('not-signed-in');
      const inactive = activeActor(actor);
      if (inactive) return inactive;
      const handler = handlers[op] as (c: unknown) => Promise<Decision<unknown>>;
      const decision = await handler({ actor, env: { now: now().toISOString(), newId }, tx, args, hash });
      if (!decision.ok) return decision;
      for (const p of decision.puts) await tx.put(p);
      return ok(decision.value as OpOutput<K>);
    });
  }

  return { run, store };
}
export type Service = ReturnType<typeof createService>;
