import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { z } from 'zod';
import { loadAdapters } from '../lib/ehr/config';
import { readClientContext } from '../lib/ehr/extract';
import { isReadContextRequest } from '../lib/ehr/protocol';
import type { ReadResult } from '../lib/ehr/schema';

// Narrow on purpose: the demo record systems. Configured systems on other hosts
// are registered at run time once the user grants that host.
export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  main() {
    z.config({ jitless: true }); // the page's CSP may forbid zod's `new Function` probe
    browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      if (!isReadContextRequest(message)) return undefined;
      // The page is read only now, when the extension asks, and only the adapter's fields.
      void loadAdapters()
        .then((adapters): ReadResult => readClientContext(document, location.href, adapters))
        .catch((): ReadResult => ({ ok: false, reason: 'no-adapter' }))
        .then(sendResponse);
      return true; // answer asynchronously (Chrome does not take a returned promise)
    });
  },
});
