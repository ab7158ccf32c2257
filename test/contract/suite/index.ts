import { describe } from 'vitest';
import type { ContractHarness } from '../harness';
import { accountSuite } from './accounts';
import { attachmentSuite } from './attachments';
import { auditSuite } from './audit';
import { consentSuite } from './consent';
import { conversationSuite } from './conversations';
import { inboxSuite } from './inboxes';
import { networkSuite } from './network';
import { operationSuite } from './operations';
import { operations, type OperationRegistry } from '../../../lib/contract/operations';
import { readSuite } from './reads';
import { recordExportSuite } from './record-export';

/**
 * The Backend contract: every workflow and rule of DOMAIN.md, through the port
 * only. Each adapter runs it unchanged with its own harness; an answer that
 * differs between adapters is a bug in one of them.
 */
export function contractSuite(harness: ContractHarness) {
  describe(`Backend contract: ${harness.name}`, () => {
    networkSuite(harness);
    consentSuite(harness);
    conversationSuite(harness);
    inboxSuite(harness);
    accountSuite(harness);
    auditSuite(harness);
    readSuite(harness);
    attachmentSuite(harness);
    recordExportSuite(harness);
    operationSuite(harness, operations as unknown as OperationRegistry);
  });
}
