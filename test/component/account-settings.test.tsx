// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountSettings } from '../../components/AccountSettings';
import type { Result } from '../../lib/contract/result';
import type { MailSettingsOutput } from '../../lib/contract/wire';
import type { AccountStore } from '../../lib/extension/account-store';
import { renderIn } from './render';

afterEach(cleanup);

const SETTINGS: MailSettingsOutput = { lang: 'nl', lists: [{ via: '', enabled: true }, { via: 'inbox-assistentes', name: 'Doktersassistentes', enabled: true }] };

function store(first: Result<MailSettingsOutput>, changed: Result<{ changed: true }> = { ok: true, value: { changed: true } }) {
  return {
    mailSettings: vi.fn(async () => first),
    saveMailSettings: vi.fn(async (change: Parameters<AccountStore['saveMailSettings']>[0]) => ({
      ok: true as const,
      value: { ...SETTINGS, ...(change.lang ? { lang: change.lang } : {}), lists: SETTINGS.lists.map((l) => ({ ...l, enabled: change.lists?.[l.via] ?? l.enabled })) },
    })),
    changePassword: vi.fn(async () => changed),
  } satisfies AccountStore;
}

describe('AccountSettings', () => {
  it('mail per list, saved at once, and a hint that the mail never holds the message', async () => {
    const s = store({ ok: true, value: SETTINGS });
    renderIn(<AccountSettings store={s} />);
    const shared = (await screen.findByLabelText('Doktersassistentes')) as HTMLInputElement;
    expect(shared.checked).toBe(true);
    expect(screen.getByText(/nooit van wie of waarover/)).toBeTruthy();
    fireEvent.click(shared);
    expect(s.saveMailSettings).toHaveBeenLastCalledWith({ lists: { 'inbox-assistentes': false } });
    await screen.findByText('Uw keuze voor mail is opgeslagen.');
    expect((screen.getByLabelText('Doktersassistentes') as HTMLInputElement).checked).toBe(false);
  });

  it('a wrong current password is refused with a clear message', async () => {
    const s = store({ ok: true, value: SETTINGS }, { ok: false, code: 'invalid-input', issues: [{ path: ['currentPassword'], message: 'wrong-password' }] });
    renderIn(<AccountSettings store={s} />);
    fireEvent.input(await screen.findByLabelText('Huidig wachtwoord'), { target: { value: 'oud' } });
    fireEvent.input(screen.getByLabelText('Nieuw wachtwoord (minimaal 12 tekens)'), { target: { value: 'een nieuw wachtwoord' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Wachtwoord wijzigen' }));
    await screen.findByText('Het huidige wachtwoord klopt niet.');
    expect(s.changePassword).toHaveBeenCalledWith('oud', 'een nieuw wachtwoord');
  });

  it('signed out: says where to sign in; in training mode the section is not there', async () => {
    renderIn(<AccountSettings store={store({ ok: false, code: 'not-signed-in' })} />, 'en');
    await screen.findByText('Sign in in the side panel (server mode) to choose this per list.');
    cleanup();
    const training = store({ ok: false, code: 'unavailable' });
    renderIn(<AccountSettings store={training} />);
    await waitFor(() => expect(training.mailSettings).toHaveBeenCalled());
    expect(screen.queryByText(/Mail bij nieuwe berichten/)).toBeNull();
  });
});
