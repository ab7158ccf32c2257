import { z } from 'zod';

// Imported first by the content script: the built-in adapters are parsed while
// modules load, and zod must not probe `new Function` (forbidden by the CSP) then.
z.config({ jitless: true });
