import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';

// Chrome/Edge open the side panel from the toolbar button; Firefox toggles its sidebar.
export default defineBackground(() => {
  if (browser.sidePanel) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  } else {
    browser.action.onClicked.addListener(() => void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle());
  }
});
