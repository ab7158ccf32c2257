import { createHash } from 'node:crypto';

/** SHA-256 of a text, hex: node:crypto, synchronous (the server's token, request and audit hashes). */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
