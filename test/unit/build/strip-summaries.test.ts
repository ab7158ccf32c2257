import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { stripSummaries } from '../../../scripts/strip-summaries';

const DIR = 'lib/contract/operations';

describe('the browser builds leave out the operations\' summaries (OpenAPI is the server\'s)', () => {
  it.each(readdirSync(DIR).filter((f) => f.endsWith('.ts')))('%s: every summary goes, nothing else, and the code still parses', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const stripped = stripSummaries(source);
    const summaries = (source.match(/\bsummary:/g) ?? []).length;
    expect((stripped.match(/\bsummary:/g) ?? []).length).toBe(0);
    expect(source.length - stripped.length).toBeGreaterThanOrEqual(summaries * 10);
    // Every other property of each definition is still there.
    for (const key of ['kind:', 'access:', 'input:', 'output:', 'example:']) {
      expect((stripped.match(new RegExp(`\\b${key}`, 'g')) ?? []).length, key).toBe((source.match(new RegExp(`\\b${key}`, 'g')) ?? []).length);
    }
    const parsed = ts.createSourceFile(file, stripped, ts.ScriptTarget.Latest, true);
    expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });

  it('takes quotes inside a summary as part of it', () => {
    expect(stripSummaries(`{ kind: 'query', summary: "Whom to write to at an organisation's inbox", input: x }`)).toBe(`{ kind: 'query',  input: x }`);
    expect(stripSummaries(`{ summary: 'It\\'s here', a: 1 }`)).toBe(`{  a: 1 }`);
  });
});
