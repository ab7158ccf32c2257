// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from '../../components/SignIn';
import type { ServerModeModel } from '../../lib/app/app';
import { renderIn } from './render';

afterEach(cleanup);

describe('SignIn (server mode)', () => {
  it('signs in with e-mail and password, and the code of an authenticator app for those who use one', async () => {
    const signIn = vi.fn(async (_e: string, _p: string, totp?: string) => !!totp);
    const server: ServerModeModel = {
      kind: 'server', baseUrl: 'https://nz.example.nl', signIn, signOut: vi.fn(), account: vi.fn(),
      organisations: async () => [], signInWithOrganisation: vi.fn(),
    };
    renderIn(<SignIn server={server} />);
    expect(screen.getByText('Server: https://nz.example.nl')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('E-mailadres'), { target: { value: ' s.jansen@lombokhuisartsen.nl ' } });
    fireEvent.input(screen.getByLabelText('Wachtwoord'), { target: { value: 'een lang wachtwoord' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden' }));
    await waitFor(() => expect(signIn).toHaveBeenCalledWith('s.jansen@lombokhuisartsen.nl', 'een lang wachtwoord', undefined));
    // The code field is always there (optional): a refusal never says whether the password was right.
    const code = screen.getByLabelText('Code uit uw authenticator-app (als u die gebruikt)');
    expect(code.hasAttribute('required')).toBe(false);
    fireEvent.input(code, { target: { value: '123456' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden' }));
    await waitFor(() => expect(signIn).toHaveBeenLastCalledWith('s.jansen@lombokhuisartsen.nl', 'een lang wachtwoord', '123456'));
    expect(screen.queryByRole('form', { name: 'Aanmelden met uw organisatie' })).toBeNull();
  });

  it('links to the server\'s own "forgotten password" page, in the panel\'s language', () => {
    const server: ServerModeModel = {
      kind: 'server', baseUrl: 'https://nz.example.nl/', signIn: vi.fn(), signOut: vi.fn(), account: vi.fn(),
      organisations: async () => [], signInWithOrganisation: vi.fn(),
    };
    renderIn(<SignIn server={server} />);
    expect(screen.getByRole('link', { name: 'Wachtwoord vergeten?' }).getAttribute('href')).toBe('https://nz.example.nl/forgot-password');
    cleanup();
    renderIn(<SignIn server={server} />, 'en');
    expect(screen.getByRole('link', { name: 'Forgot your password?' }).getAttribute('href')).toBe('https://nz.example.nl/forgot-password?lang=en');
  });

  const withOrganisations = (organisations: { orgId: string; name: string }[], org?: string) => {
    const signInWithOrganisation = vi.fn(async () => true);
    const server: ServerModeModel = {
      kind: 'server', baseUrl: 'https://nz.example.nl', signIn: vi.fn(), signOut: vi.fn(), account: vi.fn(),
      organisations: async () => organisations, signInWithOrganisation,
    };
    renderIn(<SignIn server={server} org={org} />);
    return signInWithOrganisation;
  };

  it('offers the organisation\'s own sign-in beside the password where the server has it', async () => {
    const signInWithOrganisation = withOrganisations([{ orgId: 'org-lombok', name: 'Huisartsen Lombok' }]);
    await screen.findByText(/Met het account van Huisartsen Lombok/);
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden met uw organisatie' }));
    await waitFor(() => expect(signInWithOrganisation).toHaveBeenCalledWith('org-lombok'));
    expect(screen.getByRole('form', { name: 'Aanmelden' })).toBeTruthy();
  });

  it('with several organisations, asks which one first', async () => {
    const signInWithOrganisation = withOrganisations([{ orgId: 'org-lombok', name: 'Huisartsen Lombok' }, { orgId: 'org-zorgwijk', name: 'Zorgwijk' }]);
    const choice = await screen.findByLabelText('Uw organisatie');
    const button = screen.getByRole('button', { name: 'Aanmelden met uw organisatie' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(choice, { target: { value: 'org-zorgwijk' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden met uw organisatie' }));
    await waitFor(() => expect(signInWithOrganisation).toHaveBeenCalledWith('org-zorgwijk'));
  });

  it('on an organisation\'s own page (the widget on its intranet), offers that organisation without a choice', async () => {
    const signInWithOrganisation = withOrganisations([{ orgId: 'org-lombok', name: 'Huisartsen Lombok' }, { orgId: 'org-zorgwijk', name: 'Zorgwijk' }], 'org-zorgwijk');
    await screen.findByText(/Met het account van Zorgwijk/);
    expect(screen.queryByLabelText('Uw organisatie')).toBeNull();
    fireEvent.submit(screen.getByRole('form', { name: 'Aanmelden met uw organisatie' }));
    await waitFor(() => expect(signInWithOrganisation).toHaveBeenCalledWith('org-zorgwijk'));
  });
});
