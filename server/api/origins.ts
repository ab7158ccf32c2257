/** A Chrome/Edge or Firefox extension's origin. */
export const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes(origin) || EXTENSION_ORIGIN.test(origin);
}
