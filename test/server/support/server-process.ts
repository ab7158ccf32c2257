import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The repository root (the server is started from there, like `npm start` does). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One key for the server processes of a test run, so processes on one database read each other's TOTP secrets. */
const TEST_TOTP_KEY = randomBytes(32).toString('hex');

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has ended (by itself or by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stderr (the last 64 KiB), for a failure message. */
  stderr(): string;
  /** What the process wrote to stdout (the first 64 KiB). */
  stdout(): string;
  /**
   * Resolves once main.ts has printed everything it prints at start, or
   * after `timeoutMs`.
   */
  started(timeoutMs?: number): Promise<void>;
  /** Sends a signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  port: number;
  /** PostgreSQL URL; without it the server keeps its data with PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The schema owner's URL, whom migrations run as (NZ_MIGRATION_DATABASE_URL). */
  migrationUrl?: string;
  dataDir?: string;
  /** More environment for the server (NZ_* settings). */
  env?: Record<string, string>;
  /** How long to wait for "Netwerkzorg server on …". */
  readyTimeoutMs?: number;
}

/**
 * The reference server as its own process, exactly as it is run in
 * production: `node --import tsx server/main.ts`, configured by the
 * environment. Resolves once it listens (its first stdout line says where).
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NZ_TOTP_KEY: TEST_TOTP_KEY,
    NZ_PORT: String(options.port),
    NZ_HOST: '127.0.0.1',
    NZ_LOG: 'off',
    NZ_DEMO: 'true',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: '' }),
    NZ_MIGRATION_DATABASE_URL: options.migrationUrl ?? '',
    ...(options.dataDir ? { NZ_DATA_DIR: options.dataDir } : {}),
    ...options.env,
  };
  // The test runner's own settings must not leak into the server.
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  // NZ_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (where a bench's time goes).
  const profile = process.env.NZ_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NZ_BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-65_536);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${options.readyTimeoutMs ?? 30_000} ms\n${err}`));
    }, options.readyTimeoutMs ?? 30_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 65_536) out += d;
      const m = /Netwerkzorg server on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it listened (code ${code}, signal ${signal})\n${err}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    child,
    exited,
    stderr: () => err,
    stdout: () => out,
    async started(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      // With demo accounts the start ends with a blank line after their list; without, after the "API:" line.
      const done = () => (/Demo accounts/.test(out) ? /\n\n$/.test(out) : /API: .*\n/.test(out));
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `GET /api/v1/health` answers 200 (bounded). */
export async function waitHealthy(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} not healthy in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
