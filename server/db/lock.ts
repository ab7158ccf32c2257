import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per PGlite data folder: PGlite corrupts a folder two
 * processes open. The lock file holds the owner's pid; a lock left by a
 * process that no longer runs is taken over.
 */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try { unlinkSync(path); } catch { /* gone already */ }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (pid && (pid === process.pid || alive(pid))) {
        throw new Error(`The data folder is in use by process ${pid} (lock file ${path}). Stop that server first.`);
      }
      try { unlinkSync(path); } catch { /* raced with another starter */ }
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
