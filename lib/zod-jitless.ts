import { z } from 'zod';

// The extension's pages and the embed page forbid `new Function` by their CSP: zod must not even
// probe for it. Every entry point that parses imports this first.
z.config({ jitless: true });
