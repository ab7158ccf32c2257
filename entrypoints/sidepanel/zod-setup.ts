import { z } from 'zod';

// The extension's CSP forbids `new Function`: zod must not try it. Imported first.
z.config({ jitless: true });
