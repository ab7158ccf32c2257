import { z } from 'zod';

/** Ids are opaque strings: UUIDs in use, readable names in the training data. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'id');
export type Id = z.infer<typeof Id>;

/** Instants are ISO-8601 UTC strings, so they sort as text in every store. */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

/** Free text a person types on one line (names, subjects). */
export const Line = (max = 200) => z.string().trim().min(1).max(max);

export const MESSAGE_MAX = 10_000;

/** Where a read or change came from (R15). */
/** `fhir`: the record API (/fhir/r4), for record systems and an organisation's integrations. */
export const Source = z.enum(['sidepanel', 'widget', 'server', 'fhir']);
export type Source = z.infer<typeof Source>;
