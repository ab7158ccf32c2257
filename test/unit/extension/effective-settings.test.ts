import { describe, expect, it } from 'vitest';
import { effectiveBackend } from '../../../lib/extension/settings';
import { choose, notifies } from '../../../lib/notify/settings';

const server = { kind: 'server', url: 'https://nz.eigen.nl' } as const;

describe('the backend the background builds, from policy and the options page', () => {
  it.each([
    ['nothing set: training', {}, undefined, false, { setting: { kind: 'training' }, locked: false, trainingAllowed: true }],
    ['the user chose a server', {}, server, true, { setting: server, locked: false, trainingAllowed: true }],
    ['policy server, locked by default', { serverUrl: 'https://nz.regio.nl/pad' }, server, true, { setting: { kind: 'server', url: 'https://nz.regio.nl' }, locked: true, trainingAllowed: true }],
    ['policy server unlocked, the user chose another', { serverUrl: 'https://nz.regio.nl', lockServerUrl: false }, server, true, { setting: server, locked: false, trainingAllowed: true }],
    ['policy server unlocked, nothing chosen', { serverUrl: 'https://nz.regio.nl', lockServerUrl: false }, { kind: 'training' }, false, { setting: { kind: 'server', url: 'https://nz.regio.nl' }, locked: false, trainingAllowed: true }],
    ['training off, nothing else set: no backend', { trainingAllowed: false }, { kind: 'training' }, true, { setting: null, locked: false, trainingAllowed: false }],
    ['training off, the user chose a server', { trainingAllowed: false }, server, true, { setting: server, locked: false, trainingAllowed: false }],
    ['training off, unlocked policy server wins over a training choice', { trainingAllowed: false, serverUrl: 'https://nz.regio.nl', lockServerUrl: false }, { kind: 'training' }, true, { setting: { kind: 'server', url: 'https://nz.regio.nl' }, locked: false, trainingAllowed: false }],
    ['garbage stored reads as nothing chosen', {}, { kind: 'ftp' }, true, { setting: { kind: 'training' }, locked: false, trainingAllowed: true }],
  ] as const)('%s', (_, policy, stored, chosen, expected) => {
    expect(effectiveBackend(policy, stored, chosen)).toEqual(expected);
  });
});

describe('desktop notifications per list, from the user and the organisation', () => {
  const none = { muted: [], enabled: [] };
  it('on by default; a list switched off stays off, one switched on stays on', () => {
    expect(notifies('', none, {})).toBe(true);
    const off = choose(none, 'inbox-poh', false);
    expect([notifies('inbox-poh', off, {}), notifies('', off, {})]).toEqual([false, true]);
    expect(notifies('inbox-poh', choose(off, 'inbox-poh', true), {})).toBe(true);
  });

  it('the organisation\'s default "off" silences the lists nobody chose for, not the ones switched on', () => {
    const policy = { notifyByDefault: false };
    const on = choose(none, 'inbox-poh', true);
    expect([notifies('', on, policy), notifies('inbox-poh', on, policy)]).toEqual([false, true]);
  });

  it('a locked default decides for every list, whatever the user chose before', () => {
    const chosen = choose(choose(none, '', false), 'inbox-poh', true);
    expect([notifies('', chosen, { lockNotifications: true }), notifies('inbox-poh', chosen, { lockNotifications: true, notifyByDefault: false })]).toEqual([true, false]);
  });
});
