// Fills the examples in docs/deploy.md from the one definition of what IT may set (lib/extension/policy.ts,
// scripts/policy-examples.ts), so the guide never drifts from the extension:
//   npx tsx scripts/deploy-guide.ts
// test/unit/build/deploy-guide.test.ts fails while the file in the tree differs from what this makes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { managedSchema } from './managed-schema';
import { firefoxPolicies, linuxChrome, macosProfile, settingsTable, windowsRegistry } from './policy-examples';

const GUIDE = 'docs/deploy.md';

/** Each generated part: a table as it is, examples in a fenced block of their language. */
const PARTS: Record<string, () => string> = {
  settings: () => settingsTable(managedSchema() as Parameters<typeof settingsTable>[0]),
  'linux-chrome': () => fence('json', linuxChrome()),
  'windows-registry': () => fence('reg', windowsRegistry().replace(/\r\n/g, '\n')),
  'macos-profile': () => fence('xml', macosProfile()),
  'firefox-policies': () => fence('json', firefoxPolicies()),
};

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

/** The guide with every `<!-- generated: name -->…<!-- /generated -->` part made afresh. */
export function fillGuide(text: string): string {
  return text.replace(/<!-- generated: ([\w-]+) -->\n[\s\S]*?<!-- \/generated -->/g, (_, name: string) => {
    const part = PARTS[name];
    if (!part) throw new Error(`${GUIDE}: no generated part "${name}"`);
    return `<!-- generated: ${name} -->\n${part()}\n<!-- /generated -->`;
  });
}

export const guidePartNames = () => Object.keys(PARTS);
export const readGuide = () => readFileSync(GUIDE, 'utf8');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeFileSync(GUIDE, fillGuide(readGuide()));
