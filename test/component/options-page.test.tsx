// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../components/OptionsPage';
import { serverOrigin } from '../../lib/extension/server-origin';
import { renderIn } from './render';

afterEach(cleanup);

describe('OptionsPage', () => {
  it('asks for the server’s origin from the click and stores the choice', async () => {
    const save = vi.fn().mockResolvedValue('saved');
    renderIn(<OptionsPage lang="nl" backend={{ kind: 'training' }} locked={false} onSave={save} />);
    expect((screen.getByLabelText(/Oefenomgeving/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Server van uw organisatie'));
    fireEvent.input(screen.getByLabelText('Adres van de server'), { target: { value: 'https://netwerkzorg.example.nl/app/' } });
    fireEvent.click(screen.getByLabelText('English'));
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(save).toHaveBeenCalledWith('en', { kind: 'server', url: 'https://netwerkzorg.example.nl' }, 'https://netwerkzorg.example.nl');
    await screen.findByText(/Opgeslagen/);
  });

  it('refuses an address it may not ask for, and says when the browser refused', async () => {
    const save = vi.fn().mockResolvedValue('denied');
    renderIn(<OptionsPage lang="nl" backend={{ kind: 'server', url: 'http://example.nl' }} locked={false} onSave={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(save).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('https://'));
    fireEvent.input(screen.getByLabelText('Adres van de server'), { target: { value: 'https://nz.example.nl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Zonder toestemming voor https://nz.example.nl'));
  });

  it('shows a server set by the organisation’s policy, which cannot be changed', () => {
    renderIn(<OptionsPage lang="en" backend={{ kind: 'server', url: 'https://nz.regio.nl' }} locked onSave={vi.fn()} onGrant={vi.fn()} />, 'en');
    expect(screen.getByText('Your organisation has set the server: https://nz.regio.nl. You cannot change it here.')).toBeTruthy();
    expect(screen.queryByLabelText('Server address')).toBeNull();
    expect(screen.getByRole('group', { name: 'Environment' }).hasAttribute('disabled')).toBe(true);
  });

  it('with the server locked, access to it can still be granted from a click', async () => {
    const grant = vi.fn().mockResolvedValue(true);
    renderIn(<OptionsPage lang="nl" backend={{ kind: 'server', url: 'https://nz.regio.nl' }} locked onSave={vi.fn()} onGrant={grant} />);
    const button = screen.getByRole('button', { name: 'Toegang tot de server toestaan' });
    // A disabled fieldset disables every control inside it (happy-dom does not apply that itself).
    expect(button.closest('fieldset[disabled]')).toBeNull();
    expect(button.matches(':disabled')).toBe(false);
    fireEvent.click(button);
    expect(grant).toHaveBeenCalledWith('https://nz.regio.nl');
    await screen.findByText('Netwerkzorg heeft toegang tot https://nz.regio.nl.');
  });

  it('does not offer the training environment where the organisation switched it off, and asks for the server', async () => {
    const save = vi.fn().mockResolvedValue('saved');
    renderIn(<OptionsPage lang="nl" backend={null} locked={false} trainingAllowed={false} onSave={save} />);
    expect(screen.queryByLabelText(/Oefenomgeving/)).toBeNull();
    expect(screen.getByText(/Uw organisatie heeft de oefenomgeving uitgeschakeld/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Adres van de server'), { target: { value: 'https://nz.regio.nl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(save).toHaveBeenCalledWith('nl', { kind: 'server', url: 'https://nz.regio.nl' }, 'https://nz.regio.nl');
    await screen.findByText(/Opgeslagen/);
  });

  it.each([
    ['https://nz.example.nl/pad?x=1', 'https://nz.example.nl'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://nz.example.nl', null],
    ['ftp://nz.example.nl', null],
    ['https://user:pw@nz.example.nl', null],
    ['niet een adres', null],
  ])('server address %s → origin %s', (input, origin) => {
    expect(serverOrigin(input)).toBe(origin);
  });
});
