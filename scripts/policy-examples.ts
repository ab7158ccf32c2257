import type { Policy } from '../lib/extension/policy';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from './extension-ids';

/** Where the examples say the packages are hosted (npm run package's --base-url). */
export const EXAMPLE_BASE = 'https://netwerkzorg.example.nl/extension/';

/**
 * One value for every setting IT may set (lib/extension/policy.ts), in the form the managed schema
 * declares; test/unit/build/deploy-guide.test.ts checks it names every key and that the extension takes it.
 */
export const EXAMPLE_POLICY: Required<Policy> = {
  serverUrl: 'https://netwerkzorg.example.nl',
  lockServerUrl: true,
  language: 'nl',
  // An organisation in production: its people work with the server only.
  trainingAllowed: false,
  notifyByDefault: true,
  lockNotifications: false,
  ehrAdapters: [{
    id: 'praktijkdossier',
    system: 'Praktijkdossier',
    kind: 'his',
    match: { hosts: ['praktijkdossier.example.nl'], path: '^/patient/' },
    fields: {
      name: [{ from: 'element', selector: '#patient-naam' }],
      birthDate: [{ from: 'label', label: ['Geboortedatum'], pattern: '(\\d{1,2}-\\d{1,2}-\\d{4})' }],
      bsn: [{ from: 'label', label: ['BSN'] }],
      patientRef: [{ from: 'url', part: 'path', pattern: '^/patient/(\\d+)' }],
    },
  }],
};

const json = (v: unknown) => JSON.stringify(v, null, 2);
const chromeInstall = { [CHROME_EXTENSION_ID]: { installation_mode: 'force_installed', update_url: `${EXAMPLE_BASE}updates.xml` } };

/** Chrome and Chromium on Linux: one JSON file of mandatory policies. */
export const linuxChrome = () => json({ ExtensionSettings: chromeInstall, '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: EXAMPLE_POLICY } } });

/** A registry value as Chrome reads it: text, a DWORD for yes/no, JSON text for lists and objects. */
function regValue(name: string, v: unknown): string {
  if (typeof v === 'boolean') return `"${name}"=dword:0000000${v ? 1 : 0}`;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${name}"="${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Windows (registry, for GPO Preferences or an Intune script): Chrome and Edge read the same shape under their own key. */
export const windowsRegistry = () => {
  const browsers = [['Google\\Chrome', 'Chrome'], ['Microsoft\\Edge', 'Edge']] as const;
  return ['Windows Registry Editor Version 5.00', ...browsers.flatMap(([key]) => [
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${key}]`,
    regValue('ExtensionSettings', chromeInstall),
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${key}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy]`,
    ...Object.entries(EXAMPLE_POLICY).map(([k, v]) => regValue(k, v)),
  ])].join('\r\n');
};

function plist(v: unknown, indent: string): string {
  const next = `${indent}  `;
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'string') return `${indent}<string>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string>`;
  if (Array.isArray(v)) return `${indent}<array>\n${v.map((x) => plist(x, next)).join('\n')}\n${indent}</array>`;
  const entries = Object.entries(v as object).map(([k, x]) => `${next}<key>${k}</key>\n${plist(x, next)}`);
  return `${indent}<dict>\n${entries.join('\n')}\n${indent}</dict>`;
}

/** macOS: the preference domains of a configuration profile (MDM): Chrome's own, and the extension's. */
export const macosProfile = () => [
  `<!-- domain com.google.Chrome -->`,
  plist({ ExtensionSettings: chromeInstall }, ''),
  `<!-- domain com.google.Chrome.extensions.${CHROME_EXTENSION_ID} -->`,
  plist(EXAMPLE_POLICY, ''),
].join('\n');

/** Firefox: policies.json; the XPI must be the one Mozilla signed (web-ext sign --channel unlisted). */
export const firefoxPolicies = () => json({
  policies: {
    ExtensionSettings: { [FIREFOX_EXTENSION_ID]: { installation_mode: 'force_installed', install_url: `${EXAMPLE_BASE}netwerkzorg.xpi` } },
    '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: EXAMPLE_POLICY } },
  },
});

/** The settings table: each key IT may set, from the definition's own titles and descriptions. */
export function settingsTable(schema: { properties: Record<string, { type: string; title?: string; description?: string }> }): string {
  const rows = Object.entries(schema.properties).map(([k, p]) => `| \`${k}\` | ${p.type} | ${p.description ?? p.title ?? ''} |`);
  return ['| setting | type | meaning |', '|---|---|---|', ...rows].join('\n');
}
