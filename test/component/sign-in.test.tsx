// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from '../../components/SignIn';
import type { ServerModeModel } from '../../lib/app/app';
import { renderIn } from './render';

afterEach(cleanup);

describe('SignIn (server mode)', () => {
  it('signs in with e-mail and password, and asks for a TOTP code once the server wants one', async () => {
    const totpRequired = signal(false);
    const signIn = vi.fn(async (_e: string, _p: string, totp?: string) => {
      if (!totp) totpRequired.value = true;
      return !!totp;
    });
    const server: ServerModeModel = { kind: 'server', baseUrl: 'https://nz.example.nl', totpRequired, signIn, signOut: vi.fn() };
    renderIn(<SignIn server={server} />);
    expect(screen.getByText('Server: https://nz.example.nl')).toBeTruthy();
    expect(screen.queryByLabelText('Code uit uw authenticator-app')).toBeNull();
    fireEvent.input(screen.getByLabelText('E-mailadres'), { target: { value: ' s.jansen@lombokhuisartsen.nl ' } });
    fireEvent.input(screen.getByLabelText('Wachtwoord'), { target: { value: 'een lang wachtwoord' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden' }));
    await waitFor(() => expect(signIn).toHaveBeenCalledWith('s.jansen@lombokhuisartsen.nl', 'een lang wachtwoord', undefined));
    const code = await screen.findByLabelText('Code uit uw authenticator-app');
    fireEvent.input(code, { target: { value: '123456' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden' }));
    await waitFor(() => expect(signIn).toHaveBeenLastCalledWith('s.jansen@lombokhuisartsen.nl', 'een lang wachtwoord', '123456'));
  });
});
