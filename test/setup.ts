import 'fake-indexeddb/auto';
import { z } from 'zod';

// The extension's CSP forbids `new Function`; run zod the same way in tests.
z.config({ jitless: true });
