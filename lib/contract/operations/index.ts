import type { z } from 'zod';
import type { OperationDef } from '../operation';
import { accountOperations } from './accounts';
import { attachmentOperations } from './attachments';
import { careOperations } from './care';
import { conversationOperations } from './conversations';
import { directoryOperations } from './directory';
import { recordExportOperations } from './record-export';

export { PublicProfessional } from './directory';

/**
 * Every operation of the Backend port, by name. Adding one: a definition in
 * one of these files (see lib/contract/operation.ts) and its decision in
 * lib/domain, each with its tests; routes, OpenAPI, the server's reads and
 * locks, and the generic tests follow from the definition.
 */
export const operations = {
  ...directoryOperations,
  ...careOperations,
  ...conversationOperations,
  ...attachmentOperations,
  ...recordExportOperations,
  ...accountOperations,
};

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** Any registry of operations: the real one, or one a test extends. */
export type OperationRegistry = Record<string, OperationDef>;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
export type OpArgs<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Operations[K]['output']>;
export const OP_NAMES = Object.keys(operations) as [OpName, ...OpName[]];
export const kindOf = (op: OpName) => operations[op].kind;
