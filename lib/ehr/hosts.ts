import type { EhrAdapter } from './schema';

/** Hosts the content script is declared for in the manifest (the demo record systems); they need no run-time registration. */
const DECLARED = new Set(['127.0.0.1', 'localhost']);

/**
 * The host permissions (match patterns) the configured record systems need so
 * the client can be read from their pages. HTTPS only: a record system with
 * client data is not read over plain HTTP. Match patterns carry no port, so
 * `host:8443` asks for the whole host.
 */
export function adapterHostPatterns(adapters: readonly EhrAdapter[]): string[] {
  const patterns = new Set<string>();
  for (const adapter of adapters) {
    for (const host of adapter.match.hosts) {
      const name = host.replace(/:\d+$/, '');
      if (!DECLARED.has(name)) patterns.add(`https://${name}/*`);
    }
  }
  return [...patterns].sort();
}
