import { requestClientContext } from '../ehr/protocol';
import { watchClientContext } from '../ehr/watch';
import type { ContextSource } from './client-context';

/**
 * The side panel's source of the record on screen: the active tab of the
 * panel's window, read by the EHR content script there. Kept apart from the
 * model so hosts without extension APIs (the embed page) never load it.
 */
export const activeTabContext: ContextSource = {
  watch: (onAnswer) => watchClientContext(onAnswer, { request: requestClientContext }),
  read: (tabId) => requestClientContext(tabId),
};
