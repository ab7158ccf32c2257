import { describe, expect, it, vi } from 'vitest';
import { isReadContextRequest, requestClientContext } from '../../../lib/ehr/protocol';

const context = {
  adapterId: 'zorgdossier-demo', system: 'Zorgdossier Demo', kind: 'ecd',
  name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782', patientRef: '40233',
};

describe('asking a tab for the client on screen', () => {
  it('sends the one typed request to the tab and returns its answer', async () => {
    const send = vi.fn(async () => ({ ok: true, context }));
    expect(await requestClientContext(7, send)).toEqual({ ok: true, context });
    expect(send).toHaveBeenCalledWith(7, { type: 'ehr:read-context' });
  });

  it.each([
    ['a refusal', { ok: false, reason: 'bsn-invalid', system: 'Praktijkdossier Demo' }, { ok: false, reason: 'bsn-invalid', system: 'Praktijkdossier Demo' }],
    ['no answer', undefined, { ok: false, reason: 'not-readable' }],
    ['an answer of another shape', { ok: true, context: { ...context, bsn: '123456789' } }, { ok: false, reason: 'not-readable' }],
  ])('passes on %s as what it is', async (_what, answer, expected) => {
    expect(await requestClientContext(7, async () => answer)).toEqual(expected);
  });

  it('reads a tab without the content script as not readable', async () => {
    const send = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    expect(await requestClientContext(7, send)).toEqual({ ok: false, reason: 'not-readable' });
  });

  it.each([
    [{ type: 'ehr:read-context' }, true],
    [{ type: 'ehr:write' }, false],
    ['ehr:read-context', false],
    [null, false],
  ])('%j is the request: %s', (message, expected) => {
    expect(isReadContextRequest(message)).toBe(expected);
  });
});
