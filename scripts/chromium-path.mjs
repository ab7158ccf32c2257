import { existsSync } from 'node:fs';

/** Debian's Chromium (never a downloaded one); CHROMIUM_PATH overrides. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}
