import { z } from 'zod';
import { ACCESS } from '../../lib/contract/access';
import type { Fixture } from '../../lib/contract/operation';
import type { OperationRegistry } from '../../lib/contract/operations';
import { ACCEPTED_TYPES, ATTACHMENT_LIMITS, AttachmentRef } from '../../lib/domain';
import { ATTACHMENTS_PATH, AUTH_ROUTES, EMERGENCY_HEADER, Failure, FILE_NAME_HEADER, IDEMPOTENCY_HEADER, LiveEvent } from '../../lib/contract/wire';

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
  413: 'file-too-large: the file is over 10 MB.',
  415: 'invalid-input (detail content-type): the body must be sent as Content-Type: application/json; for a file, file-type-refused or file-heic.',
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
  clientId: 'c-pietersen', networkId: 'net-example', conversationId: 'conv-example', spareClientId: 'c-bouzid', attachmentId: 'att-example',
  unique: '7d4c6f0e-3b1a-4c8e-9f2d-5a6b7c8d9e0f',
};

/** R20: the routes of files, whose bodies and answers are bytes. */
function attachmentPaths(): Json {
  const binary = (types: string[]) => Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]));
  const headers = {
    'Content-Disposition': { schema: { type: 'string' }, description: 'attachment for documents; inline only for photos and thumbnails (shown as images).' },
    'X-Content-Type-Options': { schema: { const: 'nosniff' } },
    'Content-Security-Policy': { schema: { type: 'string' }, description: "default-src 'none'; sandbox: no file runs as a page of this origin." },
  };
  const download = (thumbnail: boolean) => ({
    get: {
      operationId: thumbnail ? 'attachments.thumbnail' : 'attachments.download',
      tags: ['files'],
      summary: thumbnail
        ? "A photo's thumbnail (JPEG, 320 px at most); an audited read (R15, viewThumbnail)."
        : "A message's file as stored (a photo cleaned of all metadata); an audited read (R15, downloadAttachment).",
      description: `Read exactly like its conversation: ${ACCESS.readers}`,
      security: [{ bearer: [] }],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: EMERGENCY_HEADER, in: 'header', required: false, schema: { type: 'string', minLength: 10, maxLength: 500 }, description: 'R13: the emergency step\'s reason, percent-encoded.' },
      ],
      responses: { 200: { description: 'The bytes.', headers, content: binary(thumbnail ? ['image/jpeg'] : Object.keys(ACCEPTED_TYPES)) }, ...errors([401, 403, 404]) },
    },
  });
  return {
    [ATTACHMENTS_PATH]: {
      post: {
        operationId: 'attachments.upload',
        tags: ['files'],
        summary: `Upload a photo (JPEG, PNG, WebP) or a PDF of at most ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB, the bytes as the body; a message takes it with \`attachmentIds\` (at most ${ATTACHMENT_LIMITS.perMessage}). Its type is read from the bytes; a photo is re-encoded without metadata and at most ${ATTACHMENT_LIMITS.maxSide} px. Not taken by a message within a day, it is removed.`,
        security: [{ bearer: [] }],
        parameters: [
          { name: IDEMPOTENCY_HEADER, in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 128 }, description: 'A retry with the same key is the same file.' },
          { name: FILE_NAME_HEADER, in: 'header', required: false, schema: { type: 'string' }, description: 'The name as sent, percent-encoded.' },
        ],
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: { 201: { description: 'Taken in.', ...json(schema(AttachmentRef, 'output')) }, ...errors([400, 401, 403, 413, 415]) },
      },
    },
    [`${ATTACHMENTS_PATH}/{id}`]: download(false),
    [`${ATTACHMENTS_PATH}/{id}/thumbnail`]: download(true),
  };
}

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
  Object.assign(paths, attachmentPaths());
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
