/**
 * What the side panel and options page use of lib/ehr. The demo server
 * (`./demo-server`, Node only) is imported directly by tests and scripts.
 */
export { BUILT_IN_ADAPTERS, matchPatternsFor, withBuiltIns } from './adapters';
export { configuredAdaptersItem, loadAdapters, managedAdapters } from './config';
export { readClientContext, type PageLike } from './extract';
export { isReadContextRequest, READ_CONTEXT, requestClientContext, type ContextAnswer, type ReadContextRequest } from './protocol';
export { ClientContext, EhrAdapter, EhrAdapters, parseAdapters, ReadRefusal, ReadResult, type EhrAdapterInput, type ParsedAdapters } from './schema';
export { createTabContexts, mismatch, normaliseName, type IdentifiedClient, type TabContexts } from './tab-context';
export { watchClientContext, type WatchOptions } from './watch';
