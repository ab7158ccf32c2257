import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { FIRST_CALLS } from '../lib/app/first-screen';
import { askEarly } from '../lib/extension/early';

// Loaded by sidepanel.html before its module code: the first screen's requests leave while that code loads.
export default defineUnlistedScript(() => {
  askEarly(FIRST_CALLS);
});
