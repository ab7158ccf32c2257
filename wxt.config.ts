import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CHROME_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from './scripts/extension-ids';
import { pdfWithoutHtml } from './scripts/pdf-without-html';
import { stripOperationSummaries } from './scripts/strip-summaries';

/** Where a package for IT to host is fetched from (npm run package sets it): its update manifests' address. */
const updateBase = process.env.NZ_UPDATE_BASE_URL;

// One source for Chrome/Edge (side panel) and Firefox (sidebar), both MV3.
export default defineConfig({
  manifestVersion: 3,
  imports: false,
  // A private build folder for parallel test runs; the default is .output/.
  outDir: process.env.NZ_OUT_DIR || '.output',
  vite: () => ({ plugins: [preact(), stripOperationSummaries(), pdfWithoutHtml()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // identity: signing in through the organisation's own provider (launchWebAuthFlow, lib/extension/identity.ts).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'identity', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: '__MSG_extName__' },
    // A keyboard shortcut opens the panel: the toolbar button's action (Chrome opens the side panel from it), Firefox's sidebar.
    // Chromium keeps some Alt+Shift letters for itself (N, W and Z were not given to the extension; M was): checked in test/e2e/background.
    commands: {
      [browser === 'firefox' ? '_execute_sidebar_action' : '_execute_action']: { suggested_key: { default: 'Alt+Shift+M' } },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              // 140: the ESR Debian ships (firefox-esr), and the first to know data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['healthInfo', 'personallyIdentifyingInfo', 'personalCommunications'] },
              ...(updateBase ? { update_url: `${updateBase}updates.json` } : {}),
            },
          },
        }
      : {
          // Chrome/Edge: one id for every build (scripts/extension-ids.ts), for IT's policies.
          key: CHROME_PUBLIC_KEY,
          ...(updateBase ? { update_url: `${updateBase}updates.xml` } : {}),
          // What an organisation's IT may preset by policy (Firefox: policies.json "3rdparty").
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
});
