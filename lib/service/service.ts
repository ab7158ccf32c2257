import { decide as decisions, decideAs, type Actor, type Decision, type Env, type Organisation, type Professional, type Source } from '../domain';
import { canonicalJson } from '../contract/canonical';
import type { OperationDef } from '../contract/operation';
import { operations as defaultOperations, type OperationRegistry, type OpArgs, type OpInput, type OpName, type OpOutput } from '../contract/operations';
import { record, type Plan } from '../contract/plan';
import { fail, parseWith, type Result } from '../contract/result';
import { sha256Hex } from '../util/sha256';
import type { Claim, Guard, Store, Tx } from './store';

/** Who asks, as the adapter established it: the session's person, or the one training acts as. */
export interface Caller {
  professionalId: string;
  orgId: string;
  source: Source;
  /** The session (server) or page (training) the call belongs to: what it has opened (R15). */
  session?: string;
  /** The server: the session's check, made with the transaction's first read (see Guard). */
  guard?: Guard;
}

export interface ServiceOptions {
  now?: () => Date;
  newId?: () => string;
  /** The operations it runs: the contract's, or one a test extends. */
  operations?: OperationRegistry;
  /**
   * SHA-256 hex of a request, for its idempotency key. Web Crypto's by default (browser and Node alike);
   * the server passes node:crypto's, which answers at once instead of by a job on the thread pool.
   */
  sha256?: (text: string) => string | Promise<string>;
}

export interface RunOptions {
  /** A command's idempotency key: a repeat gets the first answer. */
  idempotencyKey?: string;
}

/** A replayed command's answer says so (the HTTP API tells its caller). */
export type Answer<T> = Result<T> & { replayed?: true };

// The actor is read with the operation's first reads, under names no definition uses.
const SELF = '__self';
const SELF_ORG = '__selfOrg';

/**
 * The application service both backends run: open one transaction, read what
 * the operation's definition names (the actor with it), let lib/domain decide
 * (R12 once, for every operation), and commit its writes with the claim on the
 * idempotency key. Input is parsed once, where it enters: `call` parses,
 * `run` takes input already parsed. A refused command writes nothing.
 */
export function createService(store: Store, options: ServiceOptions = {}) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const registry = options.operations ?? (defaultOperations as unknown as OperationRegistry);
  const hash = options.sha256 ?? sha256Hex;

  async function replayed(tx: Tx, def: OperationDef, claim: Claim): Promise<Answer<unknown> | undefined> {
    const prior = await tx.replay(claim);
    if (!prior) return undefined;
    if (prior === 'conflict') return fail('conflict', 'idempotency-key');
    const kept = JSON.parse(prior.answer) as unknown;
    if (def.replay === 'answer' || !def.replay) return { ok: true, value: kept, replayed: true };
    const value = await tx.get(def.replay, (kept as { id: string }).id);
    return value ? { ok: true, value, replayed: true } : fail('not-found');
  }

  async function run<K extends OpName>(caller: Caller, op: K, args: OpArgs<K>, runOptions: RunOptions = {}): Promise<Answer<OpOutput<K>>> {
    const def = registry[op];
    if (!def) return fail('not-found', 'operation');
    const extra = def.prepare ? await def.prepare(args) : {};
    const key = def.kind === 'command' ? runOptions.idempotencyKey : undefined;
    // Hashing may be async crypto: done before the transaction, which must await only itself.
    const requestHash = key ? await hash(`${op}\n${canonicalJson(args)}`) : '';
    const me = { id: caller.professionalId, orgId: caller.orgId };
    const mode = def.kind === 'query' ? 'read' : 'write';

    const answer = await store.transaction(mode, async (tx): Promise<Answer<unknown>> => {
      const first = await tx.read({
        ...(def.reads?.(args, me) ?? {}),
        [SELF]: record('professionals', me.id),
        [SELF_ORG]: record('organisations', me.orgId),
      } as Plan, { last: mode === 'read' && !def.then }) as Record<string, unknown>;
      const professional = first[SELF] as Professional | undefined;
      const org = first[SELF_ORG] as Organisation | undefined;
      if (!professional || !org || professional.orgId !== org.id) return fail('not-signed-in');
      const actor: Actor = { professional, org, source: caller.source };
      const second = def.then ? await tx.read(def.then(args, me, first as never), { last: mode === 'read' }) : {};
      const env: Env = { now: now().toISOString(), newId, justAfter };
      const decide = (typeof def.decide === 'string' ? decisions[def.decide] : def.decide) as (...a: unknown[]) => Decision<unknown>;
      const decision = decideAs(actor, () => decide(actor, env, args, { ...first, ...second, ...extra }));
      const claim: Claim | undefined = key
        ? { actorId: me.id, key, op, requestHash, answer: decision.ok ? keptAnswer(def, decision.value) : '' }
        : undefined;
      if (!decision.ok) {
        // A refusal may be a replay's (the first attempt changed what it decides on): the kept answer counts.
        const prior = claim && (await replayed(tx, def, claim));
        if (prior) return prior;
        // R15: an attempt on client data is audited even when refused; that record is all a refusal writes.
        if (decision.audit?.length && mode === 'write') await tx.commit(decision.audit, { actorId: me.id });
        return { ok: false, code: decision.code, ...(decision.detail ? { detail: decision.detail } : {}) };
      }
      if (mode === 'read') {
        if (decision.puts.length) throw new Error(`${op} is a query but its decision writes`);
        return { ok: true, value: decision.value };
      }
      const written = await tx.commit(decision.puts, {
        actorId: me.id, claim, announceExcept: def.announces ? me.id : undefined, effects: decision.effects,
      });
      if (written) return { ok: true, value: decision.value };
      const prior = claim && (await replayed(tx, def, claim));
      if (!prior) throw new Error('idempotency key taken, but no answer kept');
      return prior;
    }, { locks: def.locks?.(args), session: caller.session, guard: caller.guard });
    return answer as Answer<OpOutput<K>>;
  }

  /** Parses the input with the operation's schema, then runs it: for callers whose input has not been parsed yet. */
  async function call<K extends OpName>(caller: Caller, op: K, input: OpInput<K>, runOptions: RunOptions = {}): Promise<Answer<OpOutput<K>>> {
    const def = registry[op];
    if (!def) return fail('not-found', 'operation');
    const args = parseWith(def.input, input);
    if (!args.ok) return args;
    return run(caller, op, args.value as OpArgs<K>, runOptions);
  }

  return { run, call, store, operations: registry };
}
export type Service = ReturnType<typeof createService>;

const justAfter = (instant: string) => new Date(Date.parse(instant) + 1).toISOString();

/** What a replay of this command needs: the answer itself, or only the id of the record it is (see Replay). */
function keptAnswer(def: OperationDef, value: unknown): string {
  if (def.replay && def.replay !== 'answer') return JSON.stringify({ id: (value as { id: string }).id });
  return JSON.stringify(value ?? null);
}

