// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import { StatusRegion } from '../../components/StatusRegion';
import { createApp, type AppModel } from '../../lib/app/app';
import { createStatus } from '../../lib/app/status';
import { trainingConnection } from '../fixtures/connection';
import { LocalBackend } from '../../lib/backend/local/local-backend';
import type { Backend } from '../../lib/contract/port';
import { renderIn } from './render';

let n = 0;
let app: AppModel;

beforeEach(async () => {
  app = createApp({ connection: await trainingConnection(`shell-${++n}`) });
});
afterEach(() => {
  app?.dispose();
  cleanup();
});

describe('App shell in training mode', () => {
  it('shows who acts for which organisation, the training banner, and navigation with the shared inboxes', async () => {
    renderIn(<App app={app} />);
    await app.start();
    await screen.findByRole('heading', { level: 2, name: 'Mijn lijst' });
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('Sanne Jansen');
    expect(banner.textContent).toContain('Huisartsenpraktijk Lombok');
    expect(screen.getByRole('region', { name: /Oefenomgeving/ }).textContent).toContain('Oefengegevens, geen echte cliënten.');
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    const items = within(nav).getAllByRole('button').map((b) => b.textContent);
    expect(items).toEqual(['Mijn lijst', 'Doktersassistentes', 'Cliënten', 'Adresboek', 'Beheer']);
    expect(within(nav).getByRole('button', { name: 'Mijn lijst' }).getAttribute('aria-current')).toBe('page');
  });

  it('switches the demo person only when asked, and shows that person’s lists (no management for a team member)', async () => {
    renderIn(<App app={app} />);
    await app.start();
    await screen.findByRole('heading', { level: 2, name: 'Mijn lijst' });
    await waitFor(() => expect(screen.getByRole('option', { name: /Yusuf Yilmaz/ })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Werken als'), { target: { value: 'p-degraaf' } });
    expect(screen.getByRole('banner').textContent).toContain('Sanne Jansen');
    fireEvent.click(screen.getByRole('button', { name: 'Wisselen' }));
    await waitFor(() => expect(screen.getByRole('banner').textContent).toContain('Maria de Graaf'));
    await waitFor(() => {
      const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(within(nav).getByRole('button', { name: 'Wijkverpleging Kanaleneiland' })).toBeTruthy();
      expect(within(nav).queryByRole('button', { name: 'Beheer' })).toBeNull();
    });
  });

  it('starts training over after a confirmation', async () => {
    renderIn(<App app={app} />);
    await app.start();
    const created = await app.care.createClient({ name: 'Oefen Cliënt', birthDate: '1950-01-01' });
    expect(created).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw beginnen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Terugzetten' }));
    await screen.findByText('De oefenomgeving is teruggezet.');
    await app.session.loadClients();
    expect(app.session.clients.value.map((c) => c.name)).not.toContain('Oefen Cliënt');
  });
});

describe('Starting', () => {
  it('asks only for the first screen until it is shown; names and unread counts after', async () => {
    const asked: string[] = [];
    const connection = await trainingConnection(`shell-${++n}`, (inner): Backend => ({ call: (op, input, o) => (asked.push(op), inner.call(op, input, o)), files: inner.files }));
    let shown!: () => void;
    const painted = new Promise<void>((resolve) => (shown = resolve));
    app = createApp({ connection, afterFirstPaint: () => painted });
    await app.start();
    expect(app.state.value).toBe('ready');
    expect(app.inbox.items.value).toEqual([]);
    expect(asked).toEqual(['session', 'listInbox']);
    expect(app.session.directory.value).toBeNull();
    shown();
    await waitFor(() => expect(app.session.directory.value).not.toBeNull());
    await waitFor(() => expect(app.session.clients.value.length).toBeGreaterThan(0));
    expect([...asked].sort()).toEqual(['directory', 'listClients', 'listInbox', 'session', 'unreadCounts']);
  });
});

describe('StatusRegion', () => {
  it('reads refusals out in an alert and confirmations in a status, in the user’s language', () => {
    const status = createStatus();
    renderIn(<StatusRegion notice={status.notice} onDismiss={status.clear} />, 'en');
    status.refused({ code: 'email-private' });
    return waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain('Private e-mail addresses (such as gmail.com or hotmail.com) are not allowed.');
    }).then(async () => {
      status.done('consent.recorded', { version: 2 });
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Consent recorded with text version 2.'));
      expect(screen.getByRole('alert').textContent).toBe('');
      fireEvent.click(screen.getByRole('button', { name: 'Close message' }));
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe(''));
    });
  });
});

describe('names on a list that changed since the start', () => {
  it('a conversation about a client the practice did not know yet shows the client’s name after a refresh, not “Cliënt”', async () => {
    const db = `names-${++n}`;
    const connection = await trainingConnection(db);
    app.dispose();
    app = createApp({ connection });
    renderIn(<App app={app} />);
    await app.start();
    app.go({ name: 'inbox', via: 'inbox-assistentes' });
    await screen.findByRole('heading', { level: 2, name: 'Doktersassistentes' });
    // Meanwhile a home-care nurse registers a new client and writes to the practice's assistants.
    const nurse = await LocalBackend.open({ dbName: db, actingAs: 'p-yilmaz' });
    const must = async <T,>(p: Promise<{ ok: true; value: T } | { ok: false; code: string }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.code);
      return r.value;
    };
    const client = await must(nurse.call('createClient', { name: 'Wim de Nieuwe', birthDate: '1939-04-02' }));
    const text = await must(nurse.call('currentConsentText', {}));
    await must(nurse.call('recordConsent', { clientId: client.id, textId: text!.id, givenBy: { kind: 'client' }, method: 'verbal' }));
    const network = await must(nurse.call('createNetwork', { clientId: client.id }));
    await must(nurse.call('startConversation', {
      networkId: network.id, subject: 'Medicatie', inboxIds: ['inbox-assistentes'], messageId: crypto.randomUUID(), text: 'Graag overleg.',
    }));
    await app.refresh();
    const row = (await screen.findByText('Medicatie')).closest('li')!;
    await waitFor(() => expect(row.textContent).toContain('Wim de Nieuwe'));
    expect(app.session.clientName(client.id)).toBe('Wim de Nieuwe');
  });
});
