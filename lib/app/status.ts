import { signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from '../contract/result';
import type { RefusalCode } from '../domain/refusals';
import type { MessageKey } from '../i18n/types';

/** What the live region says: a refusal with its code, or a confirmation by message key. */
export type Notice =
  | { seq: number; kind: 'refusal'; code: RefusalCode; fields?: string[] }
  | { seq: number; kind: 'done'; key: MessageKey; params?: Record<string, string | number> };

export interface StatusModel {
  notice: ReadonlySignal<Notice | null>;
  refused(failure: Pick<Failure, 'code' | 'issues'>): void;
  done(key: MessageKey, params?: Record<string, string | number>): void;
  clear(): void;
}

export function createStatus(): StatusModel {
  const notice = signal<Notice | null>(null);
  let seq = 0;
  return {
    notice,
    refused(f) {
      const fields = f.issues?.map((i) => i.path.join('.')).filter(Boolean);
      notice.value = { seq: ++seq, kind: 'refusal', code: f.code, fields: fields?.length ? [...new Set(fields)] : undefined };
    },
    done(key, params) {
      notice.value = { seq: ++seq, kind: 'done', key, params };
    },
    clear() {
      notice.value = null;
    },
  };
}
