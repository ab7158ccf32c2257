/**
 * Attachments benchmark (R20), against the reference server as its own process (PGlite), as in production:
 *
 *   - uploading and sending a 5 MB photo (POST /api/v1/attachments: type from the bytes, decoded, cleaned,
 *     re-encoded with a thumbnail, stored; then postMessage with it), median and p95, beside a plain upload
 *     of the same bytes to the same server in the same run: the body sent to an operation and read whole,
 *     answered at once (it is not JSON) — what moving 5 MB costs without any processing. Budget: at most 3×.
 *   - the server's memory (its resident set, from /proc) while 10 clients upload such a photo at once,
 *     above its idle figure just before. Budget: under 300 MB.
 *
 *   npx tsx test/bench/attachments.bench.ts [--runs N]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { freePort } from '../server/pg-cluster';
import { mustCall, prepareConversations, signInDemo } from '../server/support/api-client';
import { spawnServer, type ServerProcess } from '../server/support/server-process';
import { quietMachine, report, type BenchRow } from './report';
import { logger, median, ms, p95 } from './support/stats';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || process.env.NZ_BENCH_RUNS || 15) || 15;
const CLIENTS = 10;
const BUDGET_RATIO = 3;
const BUDGET_MEMORY_MB = 300;
const log = logger();

/** A phone photo's size and weight: 4032 × 3024 (12 MP), detail everywhere (noise on a gradient), about 5 MB. */
async function fiveMegabytePhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = ((i / 3) % width) / 16 + (seed % 96);
  }
  for (const quality of [75, 72, 78, 68, 80, 65]) {
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
    if (jpeg.length >= 4.5e6 && jpeg.length <= 5.5e6) return jpeg;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 75 }).toBuffer();
}

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) / 1024;
};

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function upload(url: string, token: string, bytes: Buffer): Promise<string> {
  const res = await fetch(`${url}/api/v1/attachments`, {
    method: 'POST', body: new Uint8Array(bytes),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg', 'Idempotency-Key': randomUUID(), 'X-Netwerkzorg-File-Name': 'wond.jpg' },
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** The same bytes, read whole by the server and answered without processing (not JSON: 400). */
async function plainUpload(url: string, token: string, bytes: Buffer): Promise<void> {
  const res = await fetch(`${url}/api/v1/ops/session`, { method: 'POST', body: new Uint8Array(bytes), headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  await res.arrayBuffer();
  if (res.status !== 400) throw new Error(`plain upload: ${res.status}`);
}

async function main() {
  await quietMachine();
  const dir = mkdtempSync(join(tmpdir(), 'nz-bench-attachments-'));
  let server: ServerProcess | undefined;
  try {
    const photo = await fiveMegabytePhoto();
    log(`photo: ${(photo.length / 1e6).toFixed(2)} MB, 4032 × 3024`);
    // The body limit of operations raised to the photo's size, for the plain upload only.
    server = await spawnServer({ port: await freePort(), dataDir: join(dir, 'pglite'), readyTimeoutMs: 90_000, env: { NZ_BODY_LIMIT: String(12 * 1024 * 1024) } });
    const nurse = await signInDemo(server.url, 'p-yilmaz');
    const { conversationIds } = await prepareConversations(server.url, await signInDemo(server.url, 'p-devries'), { count: 1, participants: () => ['p-yilmaz'] });
    const conversationId = conversationIds[0]!;

    // Warm-up: the first of each loads code and fills pools.
    await plainUpload(server.url, nurse, photo);
    await upload(server.url, nurse, photo);

    const plain: number[] = [];
    const sends: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a slow patch of the machine hits both alike.
      plain.push(await timed(() => plainUpload(server!.url, nurse, photo)));
      sends.push(await timed(async () => {
        const id = await upload(server!.url, nurse, photo);
        await mustCall(server!.url, nurse, 'postMessage', { conversationId, messageId: randomUUID(), text: 'Foto van de wond', attachmentIds: [id] });
      }));
    }
    log(`plain upload: ${ms(plain)}`);
    log(`upload and send: ${ms(sends)}`);

    // Memory: idle first (settled after the runs above), then ten uploads at once, sampled every 10 ms. The ten
    // sign in one after the other before: a password check's own memory (scrypt) is not the uploads'.
    const tokens: string[] = [];
    for (const id of ['p-yilmaz', 'p-degraaf', 'p-dekker', 'p-devries', 'p-jansen', 'p-elamrani', 'p-deboer', 'p-visser', 'p-smit', 'p-ahmadi'].slice(0, CLIENTS)) {
      tokens.push(await signInDemo(server.url, id));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rssMb(server.pid);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server!.pid));
    }, 10);
    const together = await timed(async () => void (await Promise.all(tokens.map((t) => upload(server!.url, t, photo)))));
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(server.pid));
    log(`memory: after ${rssMb(server.pid).toFixed(0)} MB; idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB while ${CLIENTS} clients uploaded at once (${together.toFixed(0)} ms for all)`);

    const rows: BenchRow[] = [
      { metric: 'upload and send a 5 MB photo, median', value: median(sends), unit: 'ms', baseline: { label: 'plain upload, median', value: median(plain) }, budget: { max: BUDGET_RATIO, relative: true } },
      { metric: 'upload and send a 5 MB photo, p95', value: p95(sends), unit: 'ms', baseline: { label: 'plain upload, p95', value: p95(plain) }, budget: { max: BUDGET_RATIO, relative: true } },
      { metric: `server memory above idle, ${CLIENTS} uploads at once`, value: peak - idle, unit: 'MB', baseline: { label: 'idle', value: idle }, budget: { max: BUDGET_MEMORY_MB } },
    ];
    report('attachments', rows, { runs: RUNS, photoBytes: photo.length, cores: cpus().length, plain, sends, idleMb: idle, peakMb: peak, togetherMs: together });
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
