/**
 * Adding an operation is one definition (and its decision): this file defines
 * one that the product does not have, `echoWord`, and finds it in OpenAPI,
 * in the authorisation matrix and in the contract suite on two adapters,
 * with no other file changed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operation } from '../../lib/contract/operation';
import { operations, type OperationRegistry } from '../../lib/contract/operations';
import { record } from '../../lib/contract/plan';
import { accept, Line } from '../../lib/domain';
import { openApiDocument } from '../../server/api/openapi';
import { authorisationMatrix } from '../server/support/authz-matrix';
import { httpHarness, pgliteRegion } from './http-harness';
import { localHarness } from './local-harness';
import { operationSuite } from './suite/operations';

const echoWord = operation({
  kind: 'query', access: 'everyone',
  summary: 'Says a word back, with the name of the one who asked (a test\'s operation).',
  input: z.strictObject({ word: Line(40) }),
  output: z.object({ word: z.string(), by: z.string() }),
  reads: (_a, me) => ({ me: record('professionals', me.id) }),
  example: () => ({ word: 'hallo' }),
}).decidedBy((actor, _env, args, { me }) => accept({ word: args.word, by: me?.name ?? actor.professional.name }, []));

const registry = { ...operations, echoWord } as unknown as OperationRegistry;

describe('an operation added by its definition alone', () => {
  it('is in the OpenAPI document, as a query anyone signed in may call, with its example', () => {
    const doc = openApiDocument(registry) as { paths: Record<string, { post: { tags: string[]; 'x-access': string; requestBody: { content: Record<string, { example: unknown }> } } }> };
    const path = doc.paths['/api/v1/ops/echoWord']!.post;
    expect(path.tags).toEqual(['queries']);
    expect(path['x-access']).toBe('everyone');
    expect(path.requestBody.content['application/json']!.example).toEqual({ word: 'hallo' });
    // And not in the product's own.
    expect((openApiDocument(operations as unknown as OperationRegistry) as { paths: object }).paths).not.toHaveProperty('/api/v1/ops/echoWord');
  });
});

operationSuite(localHarness, registry, ['echoWord']);
operationSuite(httpHarness('HttpBackend → server on PGlite', pgliteRegion), registry, ['echoWord']);
authorisationMatrix(registry, { name: 'authorisation matrix of an added operation', only: ['echoWord'] });
