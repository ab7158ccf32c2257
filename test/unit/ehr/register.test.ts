import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configuredAdaptersItem } from '../../../lib/ehr/config';
import { adapterHostPatterns } from '../../../lib/ehr/hosts';
import { syncEhrContentScripts } from '../../../lib/ehr/register';
import { parseAdapters } from '../../../lib/ehr/schema';

const adapter = (id: string, hosts: string[]) => ({
  id, system: `Systeem ${id}`, kind: 'his',
  match: { hosts },
  fields: { name: { from: 'element', selector: '#naam' }, birthDate: { from: 'label', label: 'Geboortedatum' }, patientRef: { from: 'url', pattern: '/patient/(\\d+)' } },
});

// Granting a host takes a browser prompt a test cannot answer: the permission and scripting APIs are played here.
let granted: Set<string>;
let registered: Map<string, { matches: string[]; js: string[] }>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = new Set();
  registered = new Map();
  Object.assign(fakeBrowser.permissions, {
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o)),
  });
  Object.assign(fakeBrowser, {
    scripting: {
      registerContentScripts: async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, { matches: s.matches, js: s.js });
        }
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        if (ids.some((id) => !registered.has(id))) throw new Error('Nonexistent script ID');
        for (const id of ids) registered.delete(id);
      },
    },
  });
});

describe('the EHR content script on configured record systems', () => {
  it('asks for HTTPS hosts without port, and not for the demo hosts the manifest declares', () => {
    const parsed = parseAdapters([adapter('a', ['his.example.nl:8443', '*.zorgdossier.nl', '127.0.0.1:8788', 'localhost']), adapter('b', ['his.example.nl'])]);
    if (!parsed.ok) throw new Error(parsed.issues.join());
    expect(adapterHostPatterns(parsed.adapters)).toEqual(['https://*.zorgdossier.nl/*', 'https://his.example.nl/*']);
  });

  it('is registered on exactly the granted hosts, follows new grants and withdrawals, and is gone when none is granted', async () => {
    await configuredAdaptersItem.setValue([adapter('a', ['his.example.nl']), adapter('b', ['*.zorgdossier.nl'])]);
    expect(await syncEhrContentScripts()).toEqual([]);
    expect(registered.size).toBe(0);

    granted.add('https://his.example.nl/*');
    expect(await syncEhrContentScripts()).toEqual(['https://his.example.nl/*']);
    expect([...registered.values()]).toEqual([{ matches: ['https://his.example.nl/*'], js: ['content-scripts/ehr.js'] }]);

    granted.add('https://*.zorgdossier.nl/*');
    await syncEhrContentScripts();
    expect([...registered.values()].map((s) => s.matches)).toEqual([['https://*.zorgdossier.nl/*', 'https://his.example.nl/*']]);

    granted.clear();
    await syncEhrContentScripts();
    expect(registered.size).toBe(0);
  });
});
