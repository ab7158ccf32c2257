export * from './decide/queries';
export * from './decide/consent';
export * from './decide/network';
export * from './decide/conversation';
export * from './decide/accounts';
export * from './decide/read';
export { uploadAttachment, readAttachment } from './decide/attachments';
export { exportConversation } from './decide/export';
