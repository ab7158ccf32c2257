import { z } from 'zod';
import { isValidBsn } from '../domain/bsn';

/**
 * EHR adapters are data, not code: an organisation's IT can describe its own
 * record system in configuration (options page, managed storage) without a new
 * release. Everything configurable is validated here before it is used.
 */

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const Regex = z.string().min(1).max(500).refine(isRegex, { message: 'not a valid regular expression' });
const Selector = z.string().trim().min(1).max(500);
const Text = z.string().trim().min(1).max(120);

/** Where one field's value is on the page or in the URL. `pattern` keeps its first capture group (or the whole match). */
export const FieldSource = z.discriminatedUnion('from', [
  /** An element's text (or an attribute, or a form field's value). */
  z.strictObject({ from: z.literal('element'), selector: Selector, attribute: Text.optional(), pattern: Regex.optional() }),
  /** The value beside a visible label: `<dt>` → `<dd>`, `<th>` → `<td>`, `<label for>` → its field. */
  z.strictObject({ from: z.literal('label'), label: z.union([Text, z.array(Text).min(1).max(10)]), within: Selector.optional(), pattern: Regex.optional() }),
  /** A part of the page's URL; the record's number often lives there and nowhere on screen. */
  z.strictObject({ from: z.literal('url'), part: z.enum(['path', 'hash']).default('path'), pattern: Regex }),
  z.strictObject({ from: z.literal('query'), param: Text, pattern: Regex.optional() }),
]);
export type FieldSource = z.infer<typeof FieldSource>;

/** One source, or several tried in order (the first that yields a value wins). */
export const Field = z.union([FieldSource, z.array(FieldSource).min(1).max(5)]);
export type Field = z.infer<typeof Field>;

/** `praktijkdossier.nl`, `*.zorgdossier.nl`, `127.0.0.1:8788` (no port: any port). */
const HostPattern = z.string().trim().toLowerCase().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, { message: 'host, *.host or host:port' });

export const EhrAdapter = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** The record system's name as users know it; shown in the side panel. */
  system: Text,
  /** `his`: a GP system, whose patient number may become a patient card (R5). `ecd`: a home-care client record. */
  kind: z.enum(['his', 'ecd']),
  match: z.strictObject({
    hosts: z.array(HostPattern).min(1).max(20),
    /** Tested against the URL's path. */
    path: Regex.optional(),
    /** Must be present on the page, so that one host can serve several systems (or none on a login page). */
    selector: Selector.optional(),
  }),
  fields: z.strictObject({ name: Field, birthDate: Field, bsn: Field.optional(), patientRef: Field }),
});
export type EhrAdapter = z.infer<typeof EhrAdapter>;
export type EhrAdapterInput = z.input<typeof EhrAdapter>;

export const EhrAdapters = z.array(EhrAdapter).max(50).refine((list) => new Set(list.map((a) => a.id)).size === list.length, {
  message: 'adapter ids must be unique',
});

/** The client whose record is on screen. */
export const ClientContext = z.strictObject({
  /** The adapter that read it and the system's display name. */
  adapterId: z.string(),
  system: z.string(),
  kind: z.enum(['his', 'ecd']),
  name: z.string().min(1),
  birthDate: z.iso.date(),
  bsn: z.string().refine(isValidBsn).optional(),
  /** The record system's own number for this client (its patient or client number). */
  patientRef: z.string().min(1),
});
export type ClientContext = z.infer<typeof ClientContext>;

/** Why a page did not give a client; the side panel turns each into a sentence. */
export const ReadRefusal = z.enum(['no-adapter', 'no-client', 'birth-date-missing', 'patient-ref-missing', 'bsn-invalid']);
export type ReadRefusal = z.infer<typeof ReadRefusal>;

export const ReadResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), context: ClientContext }),
  z.strictObject({ ok: z.literal(false), reason: ReadRefusal, system: z.string().optional() }),
]);
export type ReadResult = z.infer<typeof ReadResult>;

export type ParsedAdapters = { ok: true; adapters: EhrAdapter[] } | { ok: false; issues: string[] };

/** Validates adapters from configuration: JSON text or an already parsed value. */
export function parseAdapters(json: unknown): ParsedAdapters {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return { ok: false, issues: ['not valid JSON'] };
    }
  }
  const parsed = EhrAdapters.safeParse(value);
  if (parsed.success) return { ok: true, adapters: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
