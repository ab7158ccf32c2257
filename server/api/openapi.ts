import { z } from 'zod';
import { Failure, IDEMPOTENCY_HEADER, LiveEvent, SOURCE_HEADER } from '../../lib/backend/http/wire';
import { isQuery, operations, type OpName } from '../../lib/backend/operations';
import { AUTH_SPECS } from '../auth/wire';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
}

const json = (s: Json) => ({ content: { 'application/json': { schema: s } } });
const failureRef = { $ref: '#/components/schemas/Failure' };
const errors = (codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), { description: DESCRIPTIONS[code], ...json(failureRef) }]));
const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid-input: the body (or a header) is not valid; `issues` says where.',
  401: 'not-signed-in or account-inactive.',
  403: 'A refusal of rights (account-manager-only, team-manager-only, regional-admin-only, gp-only, contents-restricted).',
  404: 'not-found: it does not exist, or you may not know it does.',
  409: 'conflict: the Idempotency-Key was used with another body, or the action was done with other data.',
  422: 'Another rule of the working agreements refused it (the code says which).',
  415: 'invalid-input (detail content-type): the body must be sent as Content-Type: application/json.',
  429: 'rate-limited: wait for Retry-After seconds.',
};

/** The OpenAPI 3.1 document of the API, generated from the same zod schemas the server validates with. */
export function openApiDocument(): Json {
  const paths: Json = {};
  for (const op of Object.keys(operations) as OpName[]) {
    const spec = operations[op];
    const query = isQuery(op);
    paths[`/api/v1/ops/${op}`] = {
      post: {
        operationId: op,
        tags: [query ? 'queries' : 'commands'],
        summary: query ? `${op} (query: changes nothing)` : `${op} (command or audited read)`,
        security: [{ bearer: [] }],
        parameters: [
          ...(query ? [] : [{ name: IDEMPOTENCY_HEADER, in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 128 }, description: 'A UUID made when the user acted; a retry with the same key gets the first answer.' }]),
          { name: SOURCE_HEADER, in: 'header', required: false, schema: { enum: ['sidepanel', 'widget'] }, description: 'Where the request comes from, for the audit log.' },
        ],
        requestBody: { required: true, ...json(schema(spec.input, 'input')) },
        responses: { 200: { description: 'The answer.', ...json(schema(spec.output, 'output')) }, ...errors([400, 401, 403, 404, 409, 415, 422]) },
      },
    };
  }
  for (const [route, spec] of Object.entries(AUTH_SPECS)) {
    paths[`/api/v1/auth/${route}`] = {
      post: {
        operationId: `auth.${route}`,
        tags: ['auth'],
        summary: spec.summary,
        ...(spec.signedIn ? { security: [{ bearer: [] }] } : { security: [] }),
        requestBody: { required: true, ...json(schema(spec.input, 'input')) },
        responses: { 200: { description: 'Done.', ...json(schema(spec.output, 'output')) }, ...errors([400, 401, 403, 404, 409, 415, 429]) },
      },
    };
  }
  paths['/api/v1/events'] = {
    get: {
      operationId: 'events',
      tags: ['live'],
      summary: 'Server-Sent Events: which list or conversation changed (never contents). Token in the Authorization header, or `?ticket=` from /auth/event-ticket.',
      parameters: [{ name: 'ticket', in: 'query', required: false, schema: { type: 'string' } }],
      responses: { 200: { description: 'An event stream; each `data:` is one LiveEvent.', content: { 'text/event-stream': { schema: schema(LiveEvent, 'output') } } }, ...errors([401]) },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Netwerkzorg API',
      version: '1',
      description: 'Digital network care between GP practices, home care and neighbourhood teams. Every operation of the Backend port is `POST /api/v1/ops/{op}` with its input as the body.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token from /api/v1/auth/sign-in.' } },
      schemas: { Failure: schema(Failure, 'output') },
    },
    paths,
  };
}
