import type { Guard } from '../../lib/service/store';
import { judgeSession, SESSION_SQL, touchDue, type SessionRowWithOrg } from './sessions';

/** Whom a session's token proved to be at its last full check. */
export interface Proven { professionalId: string; orgId: string }

/** The guard's answer: check this token the full way (`authenticate`), which says what applies. */
export class Recheck extends Error {
  constructor() {
    super('the session is to be checked in full');
  }
}

/**
 * Per process, whom each recent session's token proved to be at its last full check: a hint, never
 * trusted. It lets a request run its operation at once, as that person, with the session's check as
 * the transaction's guard (one round trip less per request on PostgreSQL). Bounded; the oldest goes first.
 */
export class SessionHints {
  private readonly known = new Map<string, Proven>();
  constructor(private readonly max = 10_000) {}
  get(sessionHash: string): Proven | undefined {
    return this.known.get(sessionHash);
  }
  set(sessionHash: string, proven: Proven) {
    this.known.delete(sessionHash);
    if (this.known.size >= this.max) this.known.delete(this.known.keys().next().value!);
    this.known.set(sessionHash, proven);
  }
  forget(sessionHash: string) {
    this.known.delete(sessionHash);
  }
}

/**
 * The check of a session known from a hint, made with the operation's first statement. It passes
 * only where the full check would let the request through as that same person with nothing more to
 * do: the session exists, is not revoked, past its expiry or restricted, is the hinted person's in
 * the hinted organisation, and needs no check-in with the organisation's provider (`ssoCurrent`).
 * Anything else throws Recheck, before anything the transaction read is used or written.
 * `touch`, once checked: whether the session's use is to be noted.
 */
export function sessionGuard(
  sessionHash: string, proven: Proven, now: Date, ssoCurrent: (orgId: string, checkedAt: Date) => boolean,
): Guard & { touch: boolean } {
  const t = now.getTime();
  return {
    text: SESSION_SQL,
    params: [sessionHash],
    touch: false,
    check(rows) {
      const row = rows[0] as SessionRowWithOrg | undefined;
      const s = judgeSession(row, sessionHash, t);
      const passes = s !== 'expired' && s.ok && !s.restricted && s.professionalId === proven.professionalId && s.orgId === proven.orgId
        && (!s.sso || ssoCurrent(s.sso.orgId, s.sso.checkedAt));
      if (!passes) throw new Recheck();
      this.touch = touchDue(row!, t);
    },
  };
}
