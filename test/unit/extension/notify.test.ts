import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../lib/notify/badge';
import { findNews, type ListPage } from '../../../lib/notify/news';
import { conversationOf, notificationId } from '../../../lib/notify/open-request';
import { asMuted, asSeen } from '../../../lib/notify/settings';

describe('badge', () => {
  it.each([
    [{}, ''],
    [{ '': 0, 'inbox-assistentes': 0 }, ''],
    [{ '': 1 }, '1'],
    [{ '': 2, 'inbox-assistentes': 3 }, '5'],
    [{ '': 60, 'inbox-assistentes': 40 }, '99+'],
    [{ '': -1, x: Number.NaN, y: 2 }, '2'],
  ])('%j → “%s”', (counts, text) => {
    expect(badgeText(counts)).toBe(text);
  });
});

const item = (conversationId: string, lastActivity: string, unread: 0 | 1 = 1) => ({ conversationId, subject: `Onderwerp ${conversationId}`, lastActivity, unread });
const none = new Set<string>();

describe('what is new since the last look', () => {
  const pages: ListPage[] = [
    { via: 'inbox-assistentes', items: [item('c2', '2026-03-02T10:00:00.000Z'), item('c1', '2026-03-01T10:00:00.000Z')] },
    { via: '', items: [item('c3', '2026-03-02T09:00:00.000Z', 0)] },
  ];

  it('tells unread conversations newer than the mark, newest first, and moves the marks', () => {
    const { news, seen } = findNews({ 'inbox-assistentes': '2026-03-01T12:00:00.000Z' }, pages, { quiet: false, muted: none });
    expect(news.map((n) => [n.via, n.conversationId, n.subject])).toEqual([['inbox-assistentes', 'c2', 'Onderwerp c2']]);
    expect(seen).toEqual({ 'inbox-assistentes': '2026-03-02T10:00:00.000Z', '': '2026-03-02T09:00:00.000Z' });
  });

  it('tells a message once: the next look with the new marks finds nothing', () => {
    const first = findNews(undefined, pages, { quiet: false, muted: none });
    expect(first.news.map((n) => n.conversationId)).toEqual(['c2', 'c1']);
    expect(findNews(first.seen, pages, { quiet: false, muted: none }).news).toEqual([]);
  });

  it('a first look that must be quiet (signing in) tells nothing but sets the marks', () => {
    const { news, seen } = findNews(undefined, pages, { quiet: true, muted: none });
    expect(news).toEqual([]);
    expect(seen['inbox-assistentes']).toBe('2026-03-02T10:00:00.000Z');
  });

  it('a muted list tells nothing, and does not tell later either', () => {
    const muted = new Set(['inbox-assistentes']);
    const { news, seen } = findNews({}, pages, { quiet: false, muted });
    expect(news).toEqual([]);
    expect(findNews(seen, pages, { quiet: false, muted: none }).news).toEqual([]);
  });

  it('one conversation in my list and in a shared inbox is one piece of news', () => {
    const both: ListPage[] = [
      { via: '', items: [item('c9', '2026-03-03T08:00:00.000Z')] },
      { via: 'inbox-assistentes', items: [item('c9', '2026-03-03T08:00:00.000Z')] },
    ];
    expect(findNews({}, both, { quiet: false, muted: none }).news).toHaveLength(1);
  });
});

describe('notification settings read back from storage', () => {
  it.each([
    [['', 'inbox-pohs'], ['', 'inbox-pohs']],
    [['inbox-pohs', 3, null], ['inbox-pohs']],
    ['inbox-pohs', []],
    [null, []],
  ])('muted %j reads as %j', (stored, muted) => {
    expect(asMuted(stored)).toEqual(muted);
  });

  it('drops malformed marks and keeps good ones', () => {
    expect(asSeen({ 'training/p-jansen': { '': '2026-03-01T00:00:00.000Z', x: 5 }, bad: 'nope' })).toEqual({ 'training/p-jansen': { '': '2026-03-01T00:00:00.000Z' } });
    expect(asSeen('garbage')).toEqual({});
  });
});

describe('a notification click', () => {
  it.each([
    ['training/p-jansen', 'conv-1'],
    ['server/http://127.0.0.1:8787/p-jansen', '5f0c7a0e-8a43-4a8e-9d7c-3b1a9f0e2d11'],
  ])('finds the conversation in the id of a notification for %s', (author, conversationId) => {
    expect(conversationOf(notificationId(author, conversationId))).toBe(conversationId);
  });

  it.each(['geen-scheiding', 'training/p-jansen|'])('names no conversation for “%s”', (id) => {
    expect(conversationOf(id)).toBeNull();
  });
});
