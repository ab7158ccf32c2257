import '../lib/zod-jitless';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { loadAdapters } from '../lib/ehr/config';
import { readClientContext } from '../lib/ehr/extract';
import { isReadContextRequest } from '../lib/ehr/protocol';
import type { ReadResult } from '../lib/ehr/schema';

// Narrow on purpose: the demo record systems. A configured system on another
// host gets this script registered at run time once its host is granted (lib/ehr/register.ts).
export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  main() {
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
