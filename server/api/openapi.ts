import { z } from 'zod';
import { ACCESS } from '../../lib/contract/access';
import type { Fixture } from '../../lib/contract/operation';
import type { OperationRegistry } from '../../lib/contract/operations';
import { ACCEPTED_TYPES, ATTACHMENT_LIMITS, AttachmentRef } from '../../lib/domain';
import { ATTACHMENTS_PATH, AUTH_ROUTES, EMERGENCY_HEADER, Failure, FILE_NAME_HEADER, IDEMPOTENCY_HEADER, LiveEvent, SSO_ROUTES, SsoOrganisationsOutput } from '../../lib/contract/wire';
import { SEARCHES } from '../fhir/capability';
import { COUNT_DEFAULT, COUNT_MAX } from '../fhir/routes';
import {
  ALGORITHMS, ASSERTION_MAX_LENGTH, ASSERTION_TYPE, FHIR_BASE, SCOPES_SUPPORTED, SMART_CONFIGURATION_PATH, SYSTEM_TOKEN_SECONDS, TOKEN_BODY_LIMIT, TOKEN_PATH,
} from '../fhir/smart';

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

/** Sign-in through the organisation's own OpenID provider: the routes a browser navigates and the provider calls (SSO_ROUTES). */
function ssoPaths(): Json {
  const paths: Json = {};
  for (const [name, r] of Object.entries(SSO_ROUTES)) {
    const text = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, description]) => [k, { type: 'string', description }]));
    const parameters = [
      ...('query' in r ? Object.entries(r.query).map(([n, description]) => ({
        name: n, in: 'query', required: !('optionalQuery' in r && (r.optionalQuery as readonly string[]).includes(n)), schema: { type: 'string' }, description,
      })) : []),
      ...(r.path.includes('{orgId}') ? [{ name: 'orgId', in: 'path', required: true, schema: { type: 'string' } }] : []),
    ];
    paths[r.path] = {
      [r.method]: {
        operationId: `auth.oidc.${name}`, tags: ['auth'], summary: r.summary, security: [], parameters,
        ...('form' in r ? { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required: Object.keys(r.form), properties: text(r.form) } } } } } : {}),
        responses: name === 'organisations'
          ? { 200: { description: 'The organisations.', ...json(schema(SsoOrganisationsOutput, 'output')) } }
          : name === 'frontchannel-logout'
          ? { 200: { description: 'A page the provider\'s logout page may frame; the sessions of that provider session have ended.' } }
          : r.method === 'get'
          ? { 302: { description: 'To the provider, or back to `return`.' }, ...errors(name === 'start' ? [400, 404] : [400]) }
          : { 200: { description: 'The sessions ended.' }, 400: { description: 'Not a valid logout token.', ...json({ type: 'object', properties: { error: { const: 'invalid_request' } } }) } },
      },
    };
  }
  return paths;
}

const FHIR_TAG = 'record API (FHIR R4)';
const METADATA_PATH = `${FHIR_BASE}/metadata`;
const CAPABILITY_NOTE = `The CapabilityStatement at ${METADATA_PATH} is the authoritative description of the record API (its resource types, their search parameters, its security); the resources are FHIR R4's own, as application/fhir+json, and are not described again here.`;

/**
 * The record API's routes (server/fhir), in outline: the paths, the types and parameters they take, the
 * security. What the resources hold is FHIR R4's, and what the server serves is its CapabilityStatement's.
 */
function fhirPaths(): Json {
  const types = Object.keys(SEARCHES);
  const fhir = (description: string, resourceType?: string) => ({
    description,
    content: { 'application/fhir+json': { schema: { type: 'object', required: ['resourceType'], properties: { resourceType: resourceType ? { const: resourceType } : { enum: types } } } } },
  });
  const outcomes = (codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), fhir(FHIR_ERRORS[code]!, 'OperationOutcome')]));
  const type = { name: 'type', in: 'path', required: true, schema: { enum: types } };
  const security = [{ bearer: [] }, { smart: [] }];
  const oauthError = (description: string) => ({ description, ...json({ type: 'object', required: ['error'], properties: { error: { type: 'string' }, error_description: { type: 'string' } } }) });
  return {
    [METADATA_PATH]: {
      get: {
        operationId: 'fhir.metadata', tags: [FHIR_TAG], security: [],
        summary: 'The CapabilityStatement: what the record API serves, how it is searched and how a system gets a token. Public.',
        description: CAPABILITY_NOTE,
        responses: { 200: fhir('The CapabilityStatement.', 'CapabilityStatement') },
      },
    },
    [`${FHIR_BASE}/{type}`]: {
      get: {
        operationId: 'fhir.search', tags: [FHIR_TAG], security,
        summary: `Search a resource type by its search parameters (the CapabilityStatement lists them): a Bundle of type searchset, oldest first, paged by its next link (_count up to ${COUNT_MAX}, ${COUNT_DEFAULT} by default). An unknown parameter is refused. Every page is audited (R15).`,
        description: CAPABILITY_NOTE,
        parameters: [
          type,
          { name: '_count', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: COUNT_MAX, default: COUNT_DEFAULT } },
          { name: '_cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'Where the next page starts, as the next link gives it: opaque.' },
        ],
        responses: { 200: fhir('A Bundle (searchset).', 'Bundle'), ...outcomes([400, 401, 403, 404]) },
      },
    },
    [`${FHIR_BASE}/{type}/{id}`]: {
      get: {
        operationId: 'fhir.read', tags: [FHIR_TAG], security,
        summary: 'Read one resource by its id. What the reader may not see answers 404, as what does not exist. Every read is audited (R15).',
        description: CAPABILITY_NOTE,
        parameters: [type, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: fhir('The resource, of the type in the path.'), ...outcomes([401, 403, 404]) },
      },
    },
    [SMART_CONFIGURATION_PATH]: {
      get: {
        operationId: 'fhir.smartConfiguration', tags: [FHIR_TAG], security: [],
        summary: 'The SMART configuration, for a client library: the token endpoint, the grant, the client authentication, its algorithms and the scopes. Public.',
        responses: { 200: { description: 'The SMART configuration.', ...json({ type: 'object', required: ['token_endpoint'], properties: { token_endpoint: { type: 'string' } } }) } },
      },
    },
    [TOKEN_PATH]: {
      post: {
        operationId: 'fhir.token', tags: [FHIR_TAG], security: [],
        summary: `SMART Backend Services: a registered system of an organisation asks a token with the client credentials grant and a client assertion it signed (private_key_jwt: ${ALGORITHMS.join(', ')}; at most five minutes valid, its jti used once, aud this endpoint). The token lives ${SYSTEM_TOKEN_SECONDS / 60} minutes.`,
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object', required: ['grant_type', 'client_assertion_type', 'client_assertion'],
                properties: {
                  grant_type: { const: 'client_credentials' }, client_assertion_type: { const: ASSERTION_TYPE },
                  client_assertion: { type: 'string', maxLength: ASSERTION_MAX_LENGTH }, scope: { type: 'string', description: 'Space-separated, e.g. system/Communication.rs; by default every scope registered.' },
                },
              },
            },
          },
          description: `At most ${TOKEN_BODY_LIMIT} bytes.`,
        },
        responses: {
          200: {
            description: 'The token, for the Authorization header of the record API.',
            ...json({ type: 'object', properties: { access_token: { type: 'string' }, token_type: { const: 'bearer' }, expires_in: { type: 'integer' }, scope: { type: 'string' } } }),
          },
          400: oauthError('invalid_request, unsupported_grant_type or invalid_scope.'),
          401: oauthError('invalid_client: the assertion is not valid for this server, or was used already.'),
          413: oauthError(`invalid_request: the body is over ${TOKEN_BODY_LIMIT} bytes.`),
        },
      },
    },
  };
}
const FHIR_ERRORS: Record<number, string> = {
  400: 'An OperationOutcome (invalid): a parameter the type is not searched by, or a value it does not take.',
  401: 'An OperationOutcome (login): no token, or not a valid one.',
  403: "An OperationOutcome (forbidden): the token's scopes do not cover the type.",
  404: 'An OperationOutcome (not-found): no such type, or nothing the reader may see.',
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
  Object.assign(paths, attachmentPaths(), fhirPaths(), ssoPaths());
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
      description: `Digital network care between GP practices, home care and neighbourhood teams. Every operation of the Backend port is \`POST /api/v1/ops/{op}\` with its input as the body. The record API for the organisations' record systems is FHIR R4 under ${FHIR_BASE}, outlined here; its CapabilityStatement (${METADATA_PATH}) describes it.`,
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token from /api/v1/auth/sign-in. The record API takes it too: a person reads there what they see in the app.' },
        smart: {
          type: 'oauth2',
          description: `The record API for systems of an organisation: SMART Backend Services, the client credentials grant with a signed client assertion (private_key_jwt) instead of a secret. See the CapabilityStatement (${METADATA_PATH}) and ${SMART_CONFIGURATION_PATH}.`,
          flows: { clientCredentials: { tokenUrl: TOKEN_PATH, scopes: Object.fromEntries(SCOPES_SUPPORTED.map((s) => [s, s === 'system/*.rs' ? 'Read and search every type.' : `Read and search ${s.slice('system/'.length, -'.rs'.length)}.`])) } },
        },
      },
      schemas: { Failure: schema(Failure, 'output') },
    },
    paths,
  };
}
