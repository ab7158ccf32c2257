import { acceptableServerUrl } from '../util/server-url';

/**
 * The origin of a server address the user typed, or null when the extension
 * may not ask for it (see acceptableServerUrl; the manifest's optional host
 * permissions allow the same).
 */
export const serverOrigin = (input: string): string | null => acceptableServerUrl(input)?.origin ?? null;

/** The permission pattern for a server's origin, as `permissions.request` wants it. */
export const originPattern = (origin: string) => `${origin}/*`;
