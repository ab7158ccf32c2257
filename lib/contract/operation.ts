import type { z } from 'zod';
import type { Actor, Decision, Env, StoreName } from '../domain';
// Types only: a client of the contract (the widget's page) carries no decision code.
import type * as Decisions from '../domain/decisions';
import type { Access } from './access';
import type { Loaded, Plan } from './plan';

/**
 * - `query`: changes nothing and writes no audit record; safe to repeat, no idempotency key.
 * - `read`: an audited read of client data (R15): it writes its audit record, and a repeat is
 *   simply read and audited again (its answer is never kept for a replay).
 * - `command`: changes something; needs an idempotency key, and a replay gets the first answer.
 */
export type OpKind = 'query' | 'read' | 'command';

/** Who asks, as the adapter established it (session or training switch), before anything is read. */
export interface Me {
  id: string;
  orgId: string;
}

/** Ids of a small region an operation's example input refers to (OpenAPI examples, the authorisation matrix). */
export interface Fixture {
  clientId: string;
  networkId: string;
  conversationId: string;
  /** A client with consent and no network yet. */
  spareClientId: string;
  /** Fresh for every example (message ids, e-mail addresses). */
  unique: string;
  /** A file of a message in `conversationId` (R20). */
  attachmentId: string;
}

/**
 * How a command's answer is kept for a replay of its idempotency key:
 * `'answer'` keeps the answer itself (only for answers without client data);
 * a store name keeps only the id, and a replay reads that record again, so no
 * message text or other client content is kept beside the data.
 */
export type Replay = 'answer' | StoreName;

/** Rates per account, each over a fixed window: a person at work stays well below them, a script does not. */
export const RATE_LIMITS = {
  /** A BSN look-up per record opened: 60 a minute is one a second, every second, for a minute. */
  bsnLookups: { limit: 60, windowMs: 60_000 },
} as const;

/**
 * One operation of the Backend port, defined once: the HTTP route, OpenAPI,
 * the service, the server's read-ahead and write locks, live events, the
 * authorisation matrix and the contract suite are all made from this.
 */
export interface OperationDef<
  I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType,
  P1 extends Plan = Plan, P2 extends Plan = Plan, X extends object = object,
> {
  kind: OpKind;
  summary: string;
  input: I;
  output: O;
  /** Who may call it, and what everyone else is answered. */
  access: Access;
  /** The reads its decision needs, from the input alone: one step (the server reads them in one statement). */
  reads?: (args: z.output<I>, me: Me) => P1;
  /** Reads that depend on the first ones (a conversation's inbox members): a second step. */
  then?: (args: z.output<I>, me: Me, first: Loaded<P1>) => P2;
  /** Asynchronous work before the transaction opens (a hash), which a transaction must not wait for. */
  prepare?: (args: z.output<I>) => Promise<X>;
  /**
   * The rule: a decision of lib/domain, by its name there (the service calls it), or a function for an
   * operation defined outside the product (a test's). R12 (an inactive account can do nothing) is
   * checked before it, once.
   */
  decide: DecisionName | Decide<I, O, P1, P2, X>;
  /**
   * Write locks (PostgreSQL): the keys of what it may change. Writes sharing a key take turns;
   * without `locks` a write runs alone. Two writes that may change the same row, or where one
   * changes what the other decides on, must share a key or one of them must have none.
   */
  locks?: (args: z.output<I>) => string[];
  /** Those its writes concern hear of it on the live stream (never the actor: they know). */
  announces?: boolean;
  /**
   * A rate per account the server holds it to (RATE_LIMITS), beyond which it answers `rate-limited`:
   * for look-ups that could be used to probe who is a client where.
   */
  rateLimit?: keyof typeof RATE_LIMITS;
  /** Commands: what a replay of the key answers (see Replay). */
  replay?: Replay;
  /**
   * An input a permitted caller could send, in the region of `fx` (OpenAPI's example; the
   * authorisation matrix sends it). Checked against `input` by a test, not by the compiler:
   * typing it would keep the compiler from inferring the plan's types for `decide`.
   */
  example: (fx: Fixture) => unknown;
}

export type Decide<I extends z.ZodType, O extends z.ZodType, P1 extends Plan, P2 extends Plan, X extends object> =
  (actor: Actor, env: Env, args: z.output<I>, loaded: Loaded<P1> & Loaded<P2> & X) => Decision<z.output<O>>;

type Domain = typeof Decisions;
export type DecisionName = { [N in keyof Domain]: Domain[N] extends (...a: never[]) => Decision<unknown> ? N : never }[keyof Domain];
/** The names of lib/domain's decisions that fit this operation's input, reads and output. */
type FittingDecision<F> = { [N in DecisionName]: Domain[N] extends F ? N : never }[DecisionName];

/**
 * Defines an operation in two steps, `operation({ …what it is and reads… }).decidedBy(decision)`,
 * so the compiler infers the plan's answer types from `reads` first and then checks the
 * decision against them (in one object literal it cannot infer both).
 */
export function operation<
  I extends z.ZodType, O extends z.ZodType,
  P1 extends Plan = Record<never, never>, P2 extends Plan = Record<never, never>, X extends object = Record<never, never>,
>(def: Omit<OperationDef<I, O, P1, P2, X>, 'decide'>) {
  return {
    decidedBy: (decide: FittingDecision<Decide<I, O, P1, P2, X>> | Decide<I, O, P1, P2, X>): OperationDef<I, O, P1, P2, X> => ({ ...def, decide }),
  };
}
