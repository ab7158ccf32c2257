import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of processes, from Linux's /proc: what a
 * benchmark's work cost each process, beside the wall-clock figures (on a
 * machine of two cores the load generator, the server and the database
 * share them). Undefined where /proc cannot be read.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] state, [1] ppid, [11] utime, [12] stime. */
function stat(pid: string | number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

function ticks(pid: string | number): number | undefined {
  const f = stat(pid);
  return f ? Number(f[11]) + Number(f[12]) : undefined;
}

export function processCpuMs(pid: number): number | undefined {
  const t = ticks(pid);
  return t === undefined ? undefined : t * TICK_MS;
}

/** CPU ms by process: a PostgreSQL cluster's server process and its children (backends, writers). */
export function clusterCpu(dataDir: string): Map<number, number> {
  const out = new Map<number, number>();
  try {
    const main = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const f = stat(d);
      if (f && (Number(d) === main || Number(f[1]) === main)) out.set(Number(d), (Number(f[11]) + Number(f[12])) * TICK_MS);
    }
  } catch {
    // no /proc, or the cluster is gone: nothing measured
  }
  return out;
}

/** CPU ms the processes spent between two readings; one that ended between them is not counted. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number | undefined {
  if (!after.size) return undefined;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
