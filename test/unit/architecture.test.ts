import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, as DESIGN.md draws them, checked on every import of the
 * source: a change that crosses a layer fails here, not in review.
 */
const ROOT = resolve(__dirname, '../..');
const SOURCE = ['lib', 'components', 'entrypoints', 'embed', 'server', 'widget'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports: relative ones resolved to repository paths, packages by name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(dirname(file), s)) : s));
}

const all = SOURCE.flatMap((d) => files(join(ROOT, d))).map((f) => ({ file: relative(ROOT, f), imports: importsOf(f) }));
const under = (path: string, ...dirs: string[]) => dirs.some((d) => path === d || path.startsWith(`${d}/`));

describe('the layers', () => {
  it('reads the imports of the whole source (so the checks below cannot pass by reading nothing)', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all.find((f) => f.file === 'lib/app/app.ts')?.imports).toContain('lib/contract/port');
  });

  it('lib/domain imports nothing but zod and itself', () => {
    const outside = all.filter((f) => under(f.file, 'lib/domain'))
      .flatMap((f) => f.imports.filter((i) => i !== 'zod' && !under(i, 'lib/domain')).map((i) => `${f.file} → ${i}`));
    expect(outside).toEqual([]);
  });

  it('nothing outside lib/app, components/, entrypoints/ and embed/ imports lib/app: the models see the port only', () => {
    const wrong = all.filter((f) => !under(f.file, 'lib/app', 'components', 'entrypoints', 'embed'))
      .flatMap((f) => f.imports.filter((i) => under(i, 'lib/app')).map((i) => `${f.file} → ${i}`));
    expect(wrong).toEqual([]);
  });

  it('lib/app imports no adapter, service or extension runtime: only the contract, the domain and helpers', () => {
    const wrong = all.filter((f) => under(f.file, 'lib/app'))
      .flatMap((f) => f.imports.filter((i) => under(i, 'lib/backend', 'lib/service', 'lib/extension', 'server')).map((i) => `${f.file} → ${i}`));
    expect(wrong).toEqual([]);
  });

  it('lib/ never imports components/, entrypoints/ or server/; server/ never imports components/ or lib/app', () => {
    const wrong = all.flatMap((f) => f.imports
      .filter((i) => (under(f.file, 'lib') && under(i, 'components', 'entrypoints', 'server', 'embed'))
        || (under(f.file, 'server') && under(i, 'components', 'lib/app', 'embed')))
      .map((i) => `${f.file} → ${i}`));
    expect(wrong).toEqual([]);
  });

  it('the contract depends on the domain only (and zod), so every adapter can share it', () => {
    const wrong = all.filter((f) => under(f.file, 'lib/contract'))
      .flatMap((f) => f.imports.filter((i) => i !== 'zod' && !under(i, 'lib/contract', 'lib/domain', 'lib/util')).map((i) => `${f.file} → ${i}`));
    expect(wrong).toEqual([]);
  });
});
