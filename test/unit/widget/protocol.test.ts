import { describe, expect, it } from 'vitest';
import { MAX_HEIGHT, parseFrameMessage, parseHostMessage, PROTOCOL, toViewTarget } from '../../../widget/protocol';

describe('widget protocol: only the few shapes it defines pass', () => {
  it.each([
    [{ protocol: PROTOCOL, type: 'ready' }, { protocol: PROTOCOL, type: 'ready' }],
    [{ protocol: PROTOCOL, type: 'resize', height: 412.2 }, { protocol: PROTOCOL, type: 'resize', height: 413 }],
    [{ protocol: PROTOCOL, type: 'resize', height: 0 }, { protocol: PROTOCOL, type: 'resize', height: 0 }],
    // Extra fields never come through: a frame message carries nothing else.
    [{ protocol: PROTOCOL, type: 'ready', text: 'Geheim' }, { protocol: PROTOCOL, type: 'ready' }],
  ])('frame message %j is read as %j', (data, expected) => {
    expect(parseFrameMessage(data)).toEqual(expected);
  });

  it.each([
    null, undefined, 'ready', 42, [], {}, { type: 'ready' }, { protocol: 'other/1', type: 'ready' },
    { protocol: PROTOCOL, type: 'resize' }, { protocol: PROTOCOL, type: 'resize', height: '100' },
    { protocol: PROTOCOL, type: 'resize', height: -1 }, { protocol: PROTOCOL, type: 'resize', height: MAX_HEIGHT + 1 },
    { protocol: PROTOCOL, type: 'resize', height: Number.NaN }, { protocol: PROTOCOL, type: 'resize', height: Infinity },
    { protocol: PROTOCOL, type: 'navigate', view: 'inbox' }, { protocol: PROTOCOL, type: 'token', token: 'x' },
  ])('frame message %j is ignored', (data) => {
    expect(parseFrameMessage(data)).toBeNull();
  });

  it.each([
    [{ protocol: PROTOCOL, type: 'navigate', view: 'inbox' }, { view: 'inbox' }],
    [{ protocol: PROTOCOL, type: 'navigate', view: 'inbox', inbox: 'inbox-assistentes', conversation: 'c1' }, { view: 'inbox', inbox: 'inbox-assistentes' }],
    [{ protocol: PROTOCOL, type: 'navigate', view: 'conversation', conversation: 'e05970e9-0792-4680-84a2-3432a6e7e11e' }, { view: 'conversation', conversation: 'e05970e9-0792-4680-84a2-3432a6e7e11e' }],
    [{ protocol: PROTOCOL, type: 'navigate', view: 'write', to: 'org-zorgzaam', text: 'ignored' }, { view: 'write', to: 'org-zorgzaam' }],
  ])('host message %j navigates to %j', (data, target) => {
    expect(parseHostMessage(data)).toEqual({ protocol: PROTOCOL, type: 'navigate', ...target });
  });

  it.each([
    { protocol: PROTOCOL, type: 'navigate' },
    { protocol: PROTOCOL, type: 'navigate', view: 'admin' },
    { protocol: PROTOCOL, type: 'navigate', view: 'conversation' },
    { protocol: PROTOCOL, type: 'navigate', view: 'conversation', conversation: '<img src=x onerror=alert(1)>' },
    { protocol: PROTOCOL, type: 'navigate', view: 'inbox', inbox: 'x'.repeat(65) },
    { protocol: PROTOCOL, type: 'navigate', view: 'inbox', inbox: 7 },
    { protocol: PROTOCOL, type: 'signIn', email: 'a', password: 'b' },
    { protocol: PROTOCOL, type: 'ready' },
    { type: 'navigate', view: 'inbox' },
  ])('host message %j is ignored', (data) => {
    expect(parseHostMessage(data)).toBeNull();
  });

  it('a view target from attributes or a URL keeps only the ids its view uses', () => {
    expect(toViewTarget({ view: 'write', inbox: 'inbox-pohs', to: 'org-hap-lombok' })).toEqual({ view: 'write', to: 'org-hap-lombok' });
    expect(toViewTarget({ view: 'conversation', conversation: 'a:b.c_d-e' })).toEqual({ view: 'conversation', conversation: 'a:b.c_d-e' });
    expect(toViewTarget({ view: 'settings' })).toBeNull();
  });
});
