import { isValidBsn } from '../domain/bsn';
import type { EhrAdapter, Field, FieldSource, ReadResult } from './schema';
import { bsnDigits, collapseSpaces, parseBirthDate } from './values';

/** What extraction needs of a page: a `Document` in the browser, a parsed fixture in tests. */
export type PageLike = Pick<ParentNode, 'querySelector' | 'querySelectorAll'>;

/** Longer values are not a name or a number but a selector that caught too much; they are not taken. */
const MAX_LENGTH = 200;

function query(root: PageLike, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null; // a configured selector the browser cannot parse finds nothing
  }
}

function hostMatches(pattern: string, url: URL): boolean {
  const [host = '', port] = pattern.split(':');
  if (port !== undefined && port !== (url.port || (url.protocol === 'https:' ? '443' : '80'))) return false;
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) return hostname === host.slice(2) || hostname.endsWith(host.slice(1));
  return hostname === host;
}

function applies(adapter: EhrAdapter, page: PageLike, url: URL): boolean {
  const { hosts, path, selector } = adapter.match;
  if (!hosts.some((h) => hostMatches(h, url))) return false;
  if (path !== undefined && !new RegExp(path).test(url.pathname)) return false;
  return selector === undefined || query(page, selector) !== null;
}

const labelText = (text: string) => collapseSpaces(text).replace(/[\s:*]+$/, '').toLowerCase();

/** The element holding the value beside a visible label, as forms and record summaries lay them out. */
function besideLabel(root: PageLike, labels: readonly string[]): Element | null {
  const wanted = new Set(labels.map(labelText));
  for (const label of Array.from(root.querySelectorAll('dt, th, label'))) {
    if (!wanted.has(labelText(label.textContent ?? ''))) continue;
    if (label.tagName === 'LABEL') {
      const id = label.getAttribute('for');
      const field = id ? (label.ownerDocument ?? root).querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`) : label.querySelector('input, select, textarea');
      if (field) return field;
      continue;
    }
    const next = label.nextElementSibling;
    if (next && (next.tagName === 'DD' || next.tagName === 'TD')) return next;
  }
  return null;
}

function elementValue(el: Element, attribute?: string): string | null {
  if (attribute) return el.getAttribute(attribute);
  if (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return (el as HTMLInputElement).value;
  return el.textContent;
}

function rawValue(source: FieldSource, page: PageLike, url: URL): string | null {
  switch (source.from) {
    case 'element': {
      const el = query(page, source.selector);
      return el && elementValue(el, source.attribute);
    }
    case 'label': {
      const root = source.within ? query(page, source.within) : page;
      const el = root && besideLabel(root, typeof source.label === 'string' ? [source.label] : source.label);
      return el && elementValue(el);
    }
    case 'url':
      return source.part === 'hash' ? url.hash.slice(1) : safeDecode(url.pathname);
    case 'query':
      return url.searchParams.get(source.param);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readSource(source: FieldSource, page: PageLike, url: URL): string | undefined {
  let value = rawValue(source, page, url);
  if (value === null) return undefined;
  if (source.pattern !== undefined) {
    const m = new RegExp(source.pattern).exec(value);
    value = m ? (m[1] ?? m[0]) : null;
  }
  const text = value === null ? '' : collapseSpaces(value);
  return text && text.length <= MAX_LENGTH ? text : undefined;
}

function readField(field: Field, page: PageLike, url: URL): string | undefined {
  for (const source of Array.isArray(field) ? field : [field]) {
    const value = readSource(source, page, url);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The client whose record is on screen, read with the first adapter that
 * applies to the page. Only the adapter's fields are read, and nothing
 * leaves this function but the result. A BSN that fails the 11-test is a
 * typo on the page, never a client: no context rather than the wrong one.
 */
export function readClientContext(page: PageLike, url: string | URL, adapters: readonly EhrAdapter[]): ReadResult {
  const at = new URL(url);
  const adapter = adapters.find((a) => applies(a, page, at));
  if (!adapter) return { ok: false, reason: 'no-adapter' };
  const { system, fields } = adapter;
  const read = (field: Field | undefined) => (field === undefined ? undefined : readField(field, page, at));

  const name = read(fields.name);
  if (!name) return { ok: false, reason: 'no-client', system };
  const shownBsn = read(fields.bsn);
  const bsn = shownBsn === undefined ? undefined : bsnDigits(shownBsn);
  if (bsn !== undefined && !isValidBsn(bsn)) return { ok: false, reason: 'bsn-invalid', system };
  const shownBirthDate = read(fields.birthDate);
  const birthDate = shownBirthDate === undefined ? undefined : parseBirthDate(shownBirthDate);
  if (!birthDate) return { ok: false, reason: 'birth-date-missing', system };
  const patientRef = read(fields.patientRef);
  if (!patientRef) return { ok: false, reason: 'patient-ref-missing', system };

  return { ok: true, context: { adapterId: adapter.id, system, kind: adapter.kind, name, birthDate, ...(bsn ? { bsn } : {}), patientRef } };
}
