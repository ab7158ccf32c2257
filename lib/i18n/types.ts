import type { nl } from './nl';

/** Every text the app shows; Dutch (nl.ts) is the source of the keys. */
export type MessageKey = keyof typeof nl;

/** A dictionary must have every key, and no others (object literals are checked for excess keys). */
export type Dictionary = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The `{name}` placeholders of a message, read from its Dutch text. */
export type Params<K extends MessageKey> = Placeholders<(typeof nl)[K]>;
