import type { nl } from './nl';
import type { nlScreens } from './nl-screens';

/**
 * Every text the app shows; Dutch is the source of the keys: nl.ts for the
 * first screens (loaded with the page), nl-screens.ts for the screens
 * loaded on first use.
 */
export type CoreKey = keyof typeof nl;
export type ScreenKey = keyof typeof nlScreens;
export type MessageKey = CoreKey | ScreenKey;
type All = typeof nl & typeof nlScreens;

/** A dictionary must have every key, and no others (object literals are checked for excess keys). */
export type Dictionary = { readonly [K in MessageKey]: string };
export type CoreDictionary = { readonly [K in CoreKey]: string };
export type ScreensDictionary = { readonly [K in ScreenKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The `{name}` placeholders of a message, read from its Dutch text. */
export type Params<K extends MessageKey> = Placeholders<All[K]>;
