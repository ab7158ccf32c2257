import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's Chromium reads the machine's mandatory policies (root only). */
export const POLICY_DIR = '/etc/chromium/policies/managed';

function canWritePolicies(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether these tests run: where policies can be written, and always in CI (which then fails without root). */
export const policyTestsRun = canWritePolicies() || !!process.env.CI;
if (!policyTestsRun) console.log(`SKIPPED: policy browser tests (cannot write ${POLICY_DIR}; run as root)`);

/** One test file's policy file: every browser started while it is there obeys it, so it goes afterwards. */
export function policyFile(name: string) {
  const file = join(POLICY_DIR, `netwerkzorg-e2e-${name}.json`);
  // A run that was killed may have left it behind, which would steer every browser started after it.
  if (policyTestsRun) rmSync(file, { force: true });
  return {
    write: (policy: object) => writeFileSync(file, JSON.stringify(policy)),
    remove: () => rmSync(file, { force: true }),
  };
}
