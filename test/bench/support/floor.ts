import { spawn } from 'node:child_process';
import { freePort } from '../../server/pg-cluster';
import { REPO_ROOT } from '../../server/support/server-process';

/** Starts floor-server.ts on a free port against `databaseUrl`; resolves once it listens. */
export async function spawnFloor(databaseUrl: string): Promise<{ url: string; kill(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/support/floor-server.ts'], {
    cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, kill: () => void child.kill() };
}
