import { z } from 'zod';
import { ACCESS } from '../../lib/contract/access';
import type { Fixture } from '../../lib/contract/operation';
import type { OperationRegistry } from '../../lib/contract/operations';
import { AUTH_ROUTES, Failure, IDEMPOTENCY_HEADER, LiveEvent } from '../../lib/contract/wire';

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

const KIND_TAGS = { query: 'queries', read: 'audited reads', command: 'commands' } as const;
const KIND_NOTES = {
  query: 'A query: changes nothing, writes no audit record.',
  read: 'An audited read (R15): each call writes its audit record; a repeat is read and audited again.',
  command: 'A command: needs an Idempotency-Key; a repeat with the same key gets the first answer.',
} as const;

/** The ids of the demo region's first network, for the examples. */
const EXAMPLE_REGION: Fixture = {
  clientId: 'c-pietersen', networkId: 'net-example', conversationId: 'conv-example', spareClientId: 'c-bouzid',
  unique: '7d4c6f0e-3b1a-4c8e-9f2d-5a6b7c8d9e0f',
};

/** The OpenAPI 3.1 document of the API, generated from the operations' definitions and the zod schemas the server validates with. */
export function openApiDocument(operations: OperationRegistry): Json {
  const paths: Json = {};
  for (const [op, spec] of Object.entries(operations)) {
    const command = spec.kind === 'command';
    paths[`/api/v1/ops/${op}`] = {
      post: {
        operationId: op,
        tags: [KIND_TAGS[spec.kind]],
        summary: spec.summary,
        description: `${KIND_NOTES[spec.kind]} Who may call it: ${ACCESS[spec.access]}`,
        'x-access': spec.access,
        security: [{ bearer: [] }],
        parameters: command
          ? [{ name: IDEMPOTENCY_HEADER, in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 128 }, description: 'A UUID made when the user acted; a retry with the same key gets the first answer.' }]
          : [],
        requestBody: { required: true, content: { 'application/json': { schema: schema(spec.input, 'input'), example: spec.example(EXAMPLE_REGION) } } },
        responses: { 200: { description: 'The answer.', ...json(schema(spec.output, 'output')) }, ...errors([400, 401, 403, 404, 409, 415, 422]) },
      },
    };
  }
  for (const [route, spec] of Object.entries(AUTH_ROUTES)) {
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
