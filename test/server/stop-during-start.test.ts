import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './pg-cluster';
import { REPO_ROOT, spawnServer, waitHealthy } from './support/server-process';

const root = mkdtempSync(join(tmpdir(), 'nz-stop-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a SIGTERM while the server is still starting', () => {
  // Generous: two PGlite start-ups on a busy machine.
  it('waits for the start, closes the embedded database cleanly and frees the data folder for the next start', { timeout: 120_000 }, async () => {
    const dataDir = join(root, 'data');
    const lock = `${dataDir}.lock`;
    const env: NodeJS.ProcessEnv = { ...process.env, NZ_PORT: String(await freePort()), NZ_HOST: '127.0.0.1', NZ_LOG: 'off', NZ_DEMO: 'true', DATABASE_URL: '', NZ_DATA_DIR: dataDir };
    delete env.NODE_OPTIONS;
    delete env.VITEST;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

    // The lock is taken as the embedded database opens: start-up is under way, the server not yet listening.
    await until(() => existsSync(lock), 30_000);
    expect(out).not.toContain('Netwerkzorg server on');
    child.kill('SIGTERM');

    expect(await exited, err).toEqual({ code: 0, signal: null });
    expect(out).toContain('SIGTERM: stopping');
    expect(existsSync(lock)).toBe(false);

    // The folder opens again, migrated and seeded once.
    const next = await spawnServer({ port: await freePort(), dataDir });
    try {
      await waitHealthy(next.url);
      await next.started();
      expect(next.stdout()).toContain('Demo accounts');
    } finally {
      expect((await next.kill('SIGTERM')).code).toBe(0);
    }
  });
});
