import { EhrAdapter, type EhrAdapterInput } from './schema';

/**
 * The two demo record systems shipped with the extension. They read their
 * pages differently on purpose, so that both ways a configured adapter can
 * work are exercised: data attributes in the GP system, a labelled list and
 * the number in the URL in the home-care record.
 */
const builtIn: EhrAdapterInput[] = [
  {
    id: 'praktijkdossier-demo',
    system: 'Praktijkdossier Demo',
    kind: 'his',
    match: { hosts: ['127.0.0.1', 'localhost'], path: '^/his/', selector: 'meta[name="application-name"][content="Praktijkdossier Demo"]' },
    fields: {
      name: { from: 'element', selector: '.patientbalk [data-veld="naam"]' },
      birthDate: { from: 'element', selector: '.patientbalk [data-veld="geboortedatum"]', pattern: '(\\d{1,2}-\\d{1,2}-\\d{4})' },
      bsn: { from: 'element', selector: '.patientbalk [data-veld="bsn"]' },
      patientRef: { from: 'element', selector: '.patientbalk', attribute: 'data-patientnummer' },
    },
  },
  {
    id: 'zorgdossier-demo',
    system: 'Zorgdossier Demo',
    kind: 'ecd',
    match: { hosts: ['127.0.0.1', 'localhost'], path: '^/ecd/', selector: 'meta[name="generator"][content="Zorgdossier Demo"]' },
    fields: {
      name: { from: 'label', label: 'Naam', within: 'dl.clientgegevens' },
      birthDate: { from: 'label', label: 'Geboortedatum', within: 'dl.clientgegevens' },
      bsn: { from: 'label', label: ['BSN', 'Burgerservicenummer'], within: 'dl.clientgegevens' },
      // `/ecd/clienten/40117` as the system links it, or `/ecd/client-40117.html` when the file is opened as is.
      patientRef: { from: 'url', part: 'path', pattern: '/client(?:en/|-)(\\d+)' },
    },
  },
];

export const BUILT_IN_ADAPTERS: readonly EhrAdapter[] = builtIn.map((a) => EhrAdapter.parse(a));

/** Configured adapters come first, so an organisation can replace a built-in one by using its id. */
export function withBuiltIns(configured: readonly EhrAdapter[], builtIns: readonly EhrAdapter[] = BUILT_IN_ADAPTERS): EhrAdapter[] {
  const ids = new Set(configured.map((a) => a.id));
  return [...configured, ...builtIns.filter((a) => !ids.has(a.id))];
}

/**
 * Match patterns for an adapter's hosts, for asking the browser for host
 * permission before a configured adapter can be read (match patterns
 * ignore ports, so `host:port` becomes `host`).
 */
export function matchPatternsFor(adapter: EhrAdapter): string[] {
  return [...new Set(adapter.match.hosts.map((h) => `*://${h.replace(/:\d+$/, '')}/*`))];
}
