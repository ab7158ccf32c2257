// zod must not probe `new Function` (the extension's CSP forbids it): configured before anything parses.
import '../lib/zod-jitless';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { startBackground } from '../lib/extension/background';
import { watchEhrContentScripts } from '../lib/ehr/register';

export default defineBackground(() => {
  // Chrome/Edge open the side panel from the toolbar button (and its shortcut, `_execute_action`); Firefox toggles its sidebar.
  if (browser.sidePanel) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  } else {
    browser.action.onClicked.addListener(() => void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle());
  }
  // The backend, outbox, badge and notifications live here, so they work with the panel closed.
  startBackground();
  // Configured record systems on other hosts get the content script once their host is granted.
  watchEhrContentScripts();
  // Test builds only (test/e2e/firefox): puppeteer cannot open moz-extension:// pages, so the extension opens its panel itself.
  if (import.meta.env.VITE_NZ_E2E_OPEN_PANEL === '1') void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
});
