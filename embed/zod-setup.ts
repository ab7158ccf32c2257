import { z } from 'zod';

// The embed page's CSP has no 'unsafe-eval': zod must not probe `new Function`. Imported first.
z.config({ jitless: true });
