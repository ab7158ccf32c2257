import type { Context } from 'hono';
import type { z } from 'zod';
import type { ServerContext } from '../context';
import type { SessionCheck } from './sessions';
import type { AUTH_ROUTES } from '../../lib/contract/wire';

export type Route = keyof typeof AUTH_ROUTES;
export type Input<R extends Route> = z.output<(typeof AUTH_ROUTES)[R]['input']>;
export type Output<R extends Route> = z.input<(typeof AUTH_ROUTES)[R]['output']>;
export type Signed = Extract<SessionCheck, { ok: true }>;
export type Handler<R extends Route> = (c: Context, input: Input<R>, session: Signed | undefined) => Promise<Response | Output<R>>;
/** One group of auth routes (sign-in, TOTP, activation, tickets), made for one server context. */
export type Handlers<R extends Route> = (ctx: ServerContext) => { [K in R]: Handler<K> };
