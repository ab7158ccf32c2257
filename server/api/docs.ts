import { createHash } from 'node:crypto';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{font-family:ui-monospace,monospace;font-size:1rem;margin:1.2rem 0 .3rem}
pre{background:#f4f4f4;padding:.6rem;overflow:auto;font-size:12px;max-height:24rem}code{font-family:ui-monospace,monospace}
.tag{font-size:.75rem;border:1px solid #888;border-radius:.3rem;padding:0 .3rem;margin-left:.4rem}`;

/** The CSP hash of the page's one inline style: no script, nothing from elsewhere. */
export const DOCS_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

interface Route { summary?: string; tags?: string[]; requestBody?: unknown; responses?: Record<string, unknown> }
interface Op { post?: Route; get?: Route }

/** A readable page of the OpenAPI document: every route, its input and its answer. */
export function docsPage(doc: { info: { title: string; description: string }; paths: Record<string, Op> }): string {
  const sections = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const op = item.post ?? item.get;
    const method = item.post ? 'POST' : 'GET';
    const tag = op?.tags?.[0] ?? 'live';
    type Content = { content?: Record<string, { schema?: unknown }> };
    const body = item.post?.requestBody as Content | undefined;
    const ok = (op?.responses?.['200'] ?? op?.responses?.['201']) as Content | undefined;
    // JSON shows its schema; bytes (a file) say their media types.
    const shown = (c: Content | undefined) => {
      const json = c?.content?.['application/json']?.schema;
      return json !== undefined ? JSON.stringify(json, null, 2) : Object.keys(c?.content ?? {}).join(', ');
    };
    const html = [
      `<h3>${method} ${esc(path)}</h3>`,
      `<p>${esc(op?.summary ?? '')}</p>`,
      body ? `<details><summary>Input</summary><pre>${esc(shown(body))}</pre></details>` : '',
      ok ? `<details><summary>Answer</summary><pre>${esc(shown(ok))}</pre></details>` : '',
    ].join('\n');
    sections.set(tag, [...(sections.get(tag) ?? []), html]);
  }
  const order = ['auth', 'queries', 'audited reads', 'commands', 'files', 'live', 'record API (FHIR R4)'];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>. A refused request answers
<code>{"ok":false,"code":…}</code> with status 400 (invalid input), 401 (not signed in, account inactive), 403 (no right),
404 (not found), 409 (conflict), 422 (another rule), 429 (rate limited). Commands need an <code>Idempotency-Key</code> header.</p>
${order.filter((t) => sections.has(t)).map((t) => `<h2>${esc(t)}</h2>\n${sections.get(t)!.join('\n')}`).join('\n')}
</body></html>`;
}
