// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationSettings } from '../../components/NotificationSettings';
import type { NotificationsStore } from '../../lib/notify/options-store';
import { renderIn } from './render';

afterEach(cleanup);

type Loaded = Awaited<ReturnType<NotificationsStore['load']>>;
const store = (lists: Loaded['lists'], muted: string[] = [], policy: Loaded['policy'] = {}) => ({
  load: vi.fn(async (): Promise<Loaded> => ({ lists, choices: { muted, enabled: [] }, policy })),
  save: vi.fn(async () => undefined),
});
const lists = [{ id: '' }, { id: 'inbox-assistentes', name: 'Doktersassistentes' }];

describe('NotificationSettings', () => {
  it('lists my own list and each shared inbox, on unless muted, and saves a change at once', async () => {
    const s = store(lists, ['inbox-assistentes']);
    renderIn(<NotificationSettings store={s} />);
    const own = (await screen.findByLabelText('Mijn lijst')) as HTMLInputElement;
    const shared = screen.getByLabelText('Doktersassistentes') as HTMLInputElement;
    expect([own.checked, shared.checked]).toEqual([true, false]);
    expect(screen.getByText(/nooit het onderwerp, de cliënt of de tekst/)).toBeTruthy();
    fireEvent.click(shared);
    expect(s.save).toHaveBeenLastCalledWith({ muted: [], enabled: ['inbox-assistentes'] });
    fireEvent.click(own);
    expect(s.save).toHaveBeenLastCalledWith({ muted: [''], enabled: ['inbox-assistentes'] });
  });

  it('follows the organisation\'s default "off" where the user has not chosen, and a list switched on then notifies', async () => {
    const s = store(lists, [], { notifyByDefault: false });
    renderIn(<NotificationSettings store={s} />);
    const own = (await screen.findByLabelText('Mijn lijst')) as HTMLInputElement;
    const shared = screen.getByLabelText('Doktersassistentes') as HTMLInputElement;
    expect([own.checked, shared.checked]).toEqual([false, false]);
    fireEvent.click(shared);
    expect(s.save).toHaveBeenLastCalledWith({ muted: [], enabled: ['inbox-assistentes'] });
    expect(shared.checked).toBe(true);
  });

  it('shows notifications set by the organisation as set, and they cannot be changed', async () => {
    renderIn(<NotificationSettings store={store(lists, ['inbox-assistentes'], { notifyByDefault: true, lockNotifications: true })} />, 'en');
    await screen.findByText('Your organisation has set notifications: on for every inbox.');
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([[true, true], [true, true]]);
  });

  it('says the lists come once signed in', async () => {
    renderIn(<NotificationSettings store={store(null)} />, 'en');
    await screen.findByText('Choose per inbox here once you are signed in.');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
