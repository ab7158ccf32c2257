/**
 * R20: photos and documents in a conversation. The Dutch instant-messaging draft for care allows five per
 * message; ten megabytes is a phone photo with room to spare. A cleaned photo's longest side is at most
 * 2560 px (sharp enough for a wound, small enough for a side panel); a thumbnail's 320 px. In a module of
 * its own, without zod, so the side panel's composer can check them without loading the schemas.
 */
export const ATTACHMENT_LIMITS = { perMessage: 5, maxBytes: 10 * 1024 * 1024, maxSide: 2560, thumbSide: 320 } as const;
