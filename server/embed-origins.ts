/**
 * Which intranet pages may show the widget: per organisation, the exact web
 * origins (scheme, host, port) of its intranet. The embed page is framed only
 * there (CSP frame-ancestors); every other page gets a refusal.
 *
 * Configured with NZ_EMBED_ORIGINS, organisations separated by `;`, origins
 * by spaces or commas:
 *
 *   NZ_EMBED_ORIGINS="org-hap-lombok=https://intranet.lombok.nl,http://127.0.0.1:8790; org-zorgzaam=https://start.zorgzaam.nl"
 *
 * Without the variable, a server with the demo region allows the demo
 * intranet page (`npm start`, port 8790) for the demo GP practice; set it to
 * an empty string to allow no page at all.
 */

/** Organisation id → its allowed intranet origins. */
export type EmbedOrigins = Readonly<Record<string, readonly string[]>>;

/** Where `npm start` serves the demo intranet page (demo/intranet/serve.mjs). */
export const DEMO_INTRANET_PORT = 8790;
export const DEMO_EMBED_ORIGINS: EmbedOrigins = {
  'org-hap-lombok': [`http://127.0.0.1:${DEMO_INTRANET_PORT}`, `http://localhost:${DEMO_INTRANET_PORT}`],
};

const ORG_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** An origin exactly as a browser reports it (`https://host[:port]`), or an error saying why not. */
export function checkOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" must be http(s)`;
  if (url.origin !== value) return `"${value}" must be an origin only, like ${url.origin}`;
  // A CSP source list would read `*` as a wildcard: only exact host names and addresses.
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) return `"${value}" must name one exact host`;
  return null;
}

/** Parses NZ_EMBED_ORIGINS; throws on anything it cannot read, so a typo stops the server instead of opening it. */
export function parseEmbedOrigins(value: string | undefined, demo: boolean): EmbedOrigins {
  if (value === undefined) return demo ? DEMO_EMBED_ORIGINS : {};
  const result: Record<string, string[]> = {};
  for (const entry of value.split(';').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const org = entry.slice(0, eq).trim();
    if (eq < 0 || !ORG_ID.test(org)) throw new Error(`NZ_EMBED_ORIGINS: "${entry}" is not organisation=origin[,origin…]`);
    const origins = entry.slice(eq + 1).split(/[\s,]+/).filter(Boolean);
    for (const o of origins) {
      const problem = checkOrigin(o);
      if (problem) throw new Error(`NZ_EMBED_ORIGINS: ${problem}`);
    }
    result[org] = [...new Set([...(result[org] ?? []), ...origins])];
  }
  return result;
}

/** The origins that may frame this organisation's embed page (none for an unknown organisation). */
export function originsFor(config: EmbedOrigins | undefined, org: string | undefined): readonly string[] {
  if (!config || !org || !Object.hasOwn(config, org)) return [];
  return config[org] ?? [];
}
