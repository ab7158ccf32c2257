import type { OpInput, OpName } from '../contract/operations';

/** Rows per page of a list (R10). */
export const PAGE_SIZE = 25;

/** A request of the first screen: an operation and its input, exactly as the models will ask. */
export type FirstCall = { [K in OpName]: { op: K; input: OpInput<K> } }[OpName];

/**
 * What the first screen asks for (who is signed in; the first page of the
 * own list), asked before its code has loaded: the side panel's early script
 * (entrypoints/panel-early.ts) sends these while the page still loads, and
 * the models take the answers when they ask the same.
 */
export const FIRST_CALLS: FirstCall[] = [
  { op: 'session', input: {} },
  { op: 'listInbox', input: { via: '', archived: false, limit: PAGE_SIZE } },
];
