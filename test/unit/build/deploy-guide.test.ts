import { describe, expect, it } from 'vitest';
import { parsePolicy, POLICY_KEYS } from '../../../lib/extension/policy';
import { fillGuide, guidePartNames, readGuide } from '../../../scripts/deploy-guide';
import { schemaMismatches } from '../../../scripts/managed-schema';
import { EXAMPLE_POLICY, firefoxPolicies, linuxChrome } from '../../../scripts/policy-examples';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../scripts/extension-ids';

describe('the admin guide (docs/deploy.md)', () => {
  it('holds the examples scripts/deploy-guide.ts makes from the policy definition (run it after changing the policy)', () => {
    const guide = readGuide();
    expect(guide).toBe(fillGuide(guide));
    for (const part of guidePartNames()) expect(guide).toContain(`<!-- generated: ${part} -->`);
  });

  it('its example sets every setting, in the form the schema declares, and the extension takes every one of them', () => {
    expect(Object.keys(EXAMPLE_POLICY).sort()).toEqual([...POLICY_KEYS].sort());
    expect(schemaMismatches(EXAMPLE_POLICY)).toEqual([]);
    expect(parsePolicy(EXAMPLE_POLICY)).toEqual(EXAMPLE_POLICY);
  });

  it('names the extension by its ids where the browsers look for them', () => {
    expect(JSON.parse(linuxChrome())['3rdparty'].extensions[CHROME_EXTENSION_ID]).toEqual(EXAMPLE_POLICY);
    expect(JSON.parse(firefoxPolicies()).policies['3rdparty'].Extensions[FIREFOX_EXTENSION_ID]).toEqual(EXAMPLE_POLICY);
  });
});
