// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationSettings } from '../../components/NotificationSettings';
import type { NotificationsStore } from '../../lib/notify/options-store';
import { renderIn } from './render';

afterEach(cleanup);

const store = (lists: Awaited<ReturnType<NotificationsStore['load']>>['lists'], muted: string[] = []) => ({
  load: vi.fn(async () => ({ lists, muted })),
  setMuted: vi.fn(async () => undefined),
});

describe('NotificationSettings', () => {
  it('lists my own list and each shared inbox, on unless muted, and saves a change at once', async () => {
    const s = store([{ id: '' }, { id: 'inbox-assistentes', name: 'Doktersassistentes' }], ['inbox-assistentes']);
    renderIn(<NotificationSettings store={s} />);
    const own = (await screen.findByLabelText('Mijn lijst')) as HTMLInputElement;
    const shared = screen.getByLabelText('Doktersassistentes') as HTMLInputElement;
    expect([own.checked, shared.checked]).toEqual([true, false]);
    expect(screen.getByText(/nooit de tekst van het bericht/)).toBeTruthy();
    fireEvent.click(shared);
    expect(s.setMuted).toHaveBeenLastCalledWith([]);
    fireEvent.click(own);
    expect(s.setMuted).toHaveBeenLastCalledWith(['']);
  });

  it('says the lists come once signed in', async () => {
    renderIn(<NotificationSettings store={store(null)} />, 'en');
    await screen.findByText('Choose per inbox here once you are signed in.');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
