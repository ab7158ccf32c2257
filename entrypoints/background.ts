import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';

// Chrome/Edge open the side panel from the toolbar button; Firefox toggles its sidebar.
export default defineBackground(() => {
  if (browser.sidePanel) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  } else {
    browser.action.onClicked.addListener(() => void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle());
  }
  // Test builds only (test/e2e/firefox): puppeteer cannot open moz-extension:// pages, so the extension opens its panel itself.
  if (import.meta.env.VITE_NZ_E2E_OPEN_PANEL === '1') void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
});
