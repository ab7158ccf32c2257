import { z } from 'zod';
import { EhrAdapters } from '../ehr/schema';

/**
 * Everything an organisation's IT may set by policy, defined once. The extension reads managed
 * storage only through `parsePolicy`, and public/managed_schema.json (which Chrome and Edge need to
 * pass a policy on at all: keys it does not declare are dropped) is made from this by
 * scripts/managed-schema.ts; a test fails when the two differ.
 */
export const POLICY = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).optional().meta({
    title: 'Server URL',
    description: 'The Netwerkzorg server of the organisation (https origin, e.g. https://netwerkzorg.example.nl). When set, the side panel uses this server instead of the training environment.',
  }),
  lockServerUrl: z.boolean().optional().meta({
    title: 'Lock the server URL',
    description: 'When true (the default when serverUrl is set), users cannot change the server on the options page.',
  }),
  language: z.enum(['nl', 'en']).optional().meta({
    title: 'Language',
    description: 'The language of the side panel, the options page and notifications: nl (Dutch) or en (English). When set, users cannot change it on the options page.',
  }),
  trainingAllowed: z.boolean().optional().meta({
    title: 'Training environment allowed',
    description: 'When false, users cannot use the training environment (demo data in the browser): the extension works only with the server. Default true.',
  }),
  notifyByDefault: z.boolean().optional().meta({
    title: 'Desktop notifications by default',
    description: 'Whether a new message gives a desktop notification for the lists (own list, shared inboxes) a user has not chosen for. Default true.',
  }),
  lockNotifications: z.boolean().optional().meta({
    title: 'Lock desktop notifications',
    description: 'When true, every list follows notifyByDefault and users cannot change notifications on the options page.',
  }),
  ehrAdapters: EhrAdapters.optional().meta({
    title: 'Record systems (EHR adapters)',
    description: 'Where the record systems in use show the current client (name, birth date, BSN, patient number): a list of adapters as on the options page. They win over adapters set there.',
  }),
});
export type Policy = z.infer<typeof POLICY>;
export type PolicyKey = keyof Policy;
export const POLICY_KEYS = Object.keys(POLICY.shape) as PolicyKey[];

/**
 * What managed storage holds, key by key: a key whose value is invalid is left out (and said so in
 * the console) without costing the others; anything not declared is ignored.
 */
export function parsePolicy(raw: unknown): Policy {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) {
    if (source[key] === undefined) continue;
    const parsed = POLICY.shape[key].safeParse(source[key]);
    if (parsed.success) out[key] = parsed.data;
    else console.warn(`Netwerkzorg: ignoring the policy setting ${key}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return out as Policy;
}
