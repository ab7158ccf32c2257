import type { Context } from 'hono';
import type { Professional } from '../../lib/domain';
import type { Tx } from '../../lib/service/store';
import { failure } from '../api/status';
import type { ServerContext } from '../context';
import type { SqlRunner } from '../db';
import { credentials, requiresTotp, setPasswordHash } from './credentials';
import { createSession } from './sessions';
import { hashPassword } from './password';
import { providerOnly } from './oidc/password-policy';
import { passwordProblem } from './password-policy';
import { hashToken } from './tokens';

/** Where one kind of one-time link is kept: how to find its person, and how to use it up. */
export interface LinkTable {
  /** The person whose link this is, while it is unused and unexpired (`lock`: FOR UPDATE, in the writing transaction). */
  find(sql: SqlRunner, tokenHash: string, now: Date, lock: boolean): Promise<string | undefined>;
  /** Uses the link up, and whatever else setting the password means (ending sessions, an audit record). */
  consume(sql: SqlRunner, tx: Tx, person: Professional): Promise<void>;
}

/**
 * Sets a password with a one-time link (an invitation or a reset): checked
 * before the memory-hard hash is spent, checked again under a lock when
 * written, so a link works once however many requests race with it.
 */
export async function setPasswordWithLink(ctx: ServerContext, c: Context, table: LinkTable, input: { token: string; password: string }) {
  const now = ctx.now();
  const tokenHash = hashToken(input.token);
  const person = await ctx.store.transactionWith('read', async (tx, sql) => {
    const id = await table.find(sql, tokenHash, now, false);
    return id === undefined ? undefined : tx.get('professionals', id);
  });
  if (!person) return failure(c, 'not-found', { detail: 'link-token' });
  // A link from before the organisation switched to its own provider sets no password it could not use.
  if (providerOnly(ctx.config.oidc, person.orgId)) return failure(c, 'password-sign-in-off');
  const problem = passwordProblem(input.password, [person.name, person.email]);
  if (problem) return failure(c, 'invalid-input', { issues: [{ path: ['password'], message: problem }] });
  const hash = await hashPassword(input.password);
  const done = await ctx.store.transactionWith('write', async (tx, sql) => {
    const id = await table.find(sql, tokenHash, ctx.now(), true);
    const current = id === undefined ? undefined : await tx.get('professionals', id);
    if (!current) return 'not-found' as const;
    if (!current.active) return 'account-inactive' as const;
    await setPasswordHash(sql, current.id, hash, ctx.now());
    await table.consume(sql, tx, current);
    // Where the organisation requires a second factor and the person has none, the link that proved their
    // mailbox also opens a session for enrolling one, and for nothing else (restricted).
    const enrol = !(await credentials(sql, current.id))?.totp_secret && (await requiresTotp(sql, current.orgId));
    const session = enrol ? await createSession(sql, current.id, ctx.now(), true, true) : undefined;
    return { person: current, enrolmentToken: session?.token };
  });
  if (done === 'not-found') return failure(c, 'not-found', { detail: 'link-token' });
  if (done === 'account-inactive') return failure(c, 'account-inactive');
  return done;
}
