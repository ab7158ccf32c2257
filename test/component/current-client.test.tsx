// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import { createClientContextModel } from '../../lib/app/client-context';
import { createApp, type AppModel } from '../../lib/app/app';
import { findKnownClient, maskBsn, stateOf, type ContextSource } from '../../lib/app/client-context';
import { openTraining } from '../../lib/backend/local/training';
import { directOutbox } from '../../lib/backend/direct-outbox';
import type { Client } from '../../lib/domain';
import type { ClientContext, ContextAnswer } from '../../lib/ehr';
import { renderIn } from './render';

/** The demo records, as the content script reads them (test/e2e/ehr/context.e2e.test.ts checks that it does). */
const jan: ClientContext = {
  adapterId: 'praktijkdossier-demo', system: 'Praktijkdossier Demo', kind: 'his',
  name: 'Jan Pietersen', birthDate: '1941-03-12', bsn: '111222333', patientRef: '100231',
};
const maria: ClientContext = {
  adapterId: 'praktijkdossier-demo', system: 'Praktijkdossier Demo', kind: 'his',
  name: 'Maria Hendriks', birthDate: '1938-11-02', bsn: '123456782', patientRef: '100417',
};
const truus: ClientContext = {
  adapterId: 'zorgdossier-demo', system: 'Zorgdossier Demo', kind: 'ecd', name: 'Truus de Wit', birthDate: '1935-01-09', patientRef: '40391',
};
const page = (context: ClientContext): ContextAnswer => ({ ok: true, context });
const notReadable: ContextAnswer = { ok: false, reason: 'not-readable' };

/** Browser tabs as the watcher sees them: each tab shows a page; one is active. */
function fakeTabs(pages: Record<number, ContextAnswer>, active = 1) {
  let listener: ((a: ContextAnswer, tabId: number | undefined) => void) | null = null;
  const source: ContextSource = {
    watch(onAnswer) {
      listener = onAnswer;
      onAnswer(pages[active] ?? notReadable, active);
      return () => {
        listener = null;
      };
    },
    read: async (tabId) => pages[tabId] ?? notReadable,
  };
  return {
    source,
    activate(tabId: number) {
      active = tabId;
      listener?.(pages[tabId] ?? notReadable, tabId);
    },
    /** The page in a tab changed (navigation); the watcher reports it when that tab is active. */
    load(tabId: number, answer: ContextAnswer) {
      pages[tabId] = answer;
      if (tabId === active) listener?.(answer, tabId);
    },
    /** The record system changed the client without loading a page: only asking again notices. */
    change(tabId: number, answer: ContextAnswer) {
      pages[tabId] = answer;
    },
  };
}

let n = 0;
let app: AppModel | undefined;

async function trainingOptions(actingAs?: string) {
  const training = await openTraining({ dbName: `current-client-${++n}`, actingAs });
  return { connection: { mode: training.mode, backend: training.backend, outbox: directOutbox(training.backend) } };
}

async function panel(tabs: ReturnType<typeof fakeTabs>, actingAs?: string, lang: 'nl' | 'en' = 'nl') {
  app = createApp({ ...(await trainingOptions(actingAs)), clientContext: { source: tabs.source, createModel: createClientContextModel } });
  renderIn(<App app={app} />, lang);
  await app.start();
  return app;
}

const box = () => screen.getByRole('region', { name: /^(Huidige cliënt|Geen cliënt herkend|Current client|No client recognised)/ });

afterEach(() => {
  app?.dispose();
  app = undefined;
  cleanup();
});

describe('the client on screen, beside the record system', () => {
  it('shows name, birth date, system and only the last three digits of the BSN', async () => {
    await panel(fakeTabs({ 1: page(jan) }));
    const current = await screen.findByRole('region', { name: 'Huidige cliënt uit Praktijkdossier Demo' });
    expect(current.textContent).toContain('Jan Pietersen');
    expect(current.textContent).toContain('geboren 12 mrt 1941');
    expect(current.textContent).toContain('BSN ••••••333');
    expect(current.textContent).not.toContain('111222333');
    expect(within(current).getByText('BSN eindigend op 333').className).toBe('sr-only');
    await waitFor(() => expect(current.textContent).toContain('Bekend in Netwerkzorg.'));
  });

  it('says nothing beside a page that is not a record system', async () => {
    await panel(fakeTabs({ 1: notReadable }));
    await screen.findByRole('heading', { level: 2, name: 'Mijn lijst' });
    expect(screen.queryByRole('region', { name: /^(Huidige cliënt|Geen cliënt herkend)/ })).toBeNull();
  });

  it('does not take a record whose BSN fails the 11-test as a client', async () => {
    await panel(fakeTabs({ 1: { ok: false, reason: 'bsn-invalid', system: 'Praktijkdossier Demo' } }));
    const current = await screen.findByRole('region', { name: 'Geen cliënt herkend uit Praktijkdossier Demo' });
    expect(current.textContent).toContain('Het BSN op deze pagina klopt niet (elfproef).');
    expect(within(current).queryByRole('button', { name: /Openen|aanmaken/ })).toBeNull();
  });

  it('follows the active tab: each tab has its own client', async () => {
    const tabs = fakeTabs({ 1: page(jan), 2: page(maria), 3: notReadable });
    await panel(tabs);
    await waitFor(() => expect(box().textContent).toContain('Jan Pietersen'));
    tabs.activate(2);
    await waitFor(() => expect(box().textContent).toContain('Maria Hendriks'));
    tabs.activate(3);
    await waitFor(() => expect(screen.queryByRole('region', { name: /Huidige cliënt/ })).toBeNull());
    tabs.activate(1);
    await waitFor(() => expect(box().textContent).toContain('Jan Pietersen'));
  });

  it('opens a known client without a network at consent, then at the network once there is one', async () => {
    const a = await panel(fakeTabs({ 1: page(jan) }));
    fireEvent.click(await screen.findByRole('button', { name: 'Openen in Netwerkzorg' }));
    await screen.findByRole('heading', { level: 2, name: 'Jan Pietersen' });
    expect(a.router.route.value).toEqual({ name: 'client', id: 'c-pietersen' });
    fireEvent.click(await screen.findByRole('button', { name: 'Toestemming vastleggen' }));
    await screen.findByText(/Toestemming vastgelegd/);
    fireEvent.click(await screen.findByRole('button', { name: 'Netwerk aanmaken' }));
    await screen.findByRole('heading', { level: 2, name: 'Netwerk van Jan Pietersen' });
    a.go({ name: 'inbox', via: '' });
    await screen.findByRole('heading', { level: 2, name: 'Mijn lijst' });
    fireEvent.click(screen.getByRole('button', { name: 'Openen in Netwerkzorg' }));
    await screen.findByRole('heading', { level: 2, name: 'Netwerk van Jan Pietersen' });
  });

  it('R5: proposes the GP system’s patient number as the patient card of the network of the client on screen', async () => {
    await panel(fakeTabs({ 1: page(jan) }));
    fireEvent.click(await screen.findByRole('button', { name: 'Openen in Netwerkzorg' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Toestemming vastleggen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Netwerk aanmaken' }));
    await screen.findByRole('heading', { level: 2, name: 'Netwerk van Jan Pietersen' });
    expect((screen.getByLabelText('Systeem') as HTMLInputElement).value).toBe('Praktijkdossier Demo');
    expect((screen.getByLabelText('Patiëntnummer in uw systeem') as HTMLInputElement).value).toBe('100231');
    expect(screen.getByText('Ingevuld uit Praktijkdossier Demo; controleer het nummer.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Patiëntenkaart koppelen' }));
    await screen.findByText('Patiëntenkaart: Praktijkdossier Demo 100231');
  });

  it('creates a client not known yet from the record (home care, no BSN shown), then asks for consent', async () => {
    const a = await panel(fakeTabs({ 1: page(truus) }), 'p-yilmaz');
    const current = await screen.findByRole('region', { name: 'Huidige cliënt uit Zorgdossier Demo' });
    await waitFor(() => expect(current.textContent).toContain('Nog niet in Netwerkzorg. Met naam, geboortedatum en BSN uit Zorgdossier Demo.'));
    fireEvent.click(within(current).getByRole('button', { name: 'Cliënt aanmaken en toestemming vragen' }));
    await screen.findByRole('heading', { level: 2, name: 'Truus de Wit' });
    await screen.findByText('Truus de Wit is vastgelegd.');
    const created = a.care.client.value!.client;
    expect({ name: created.name, birthDate: created.birthDate, bsn: created.bsn }).toEqual({ name: 'Truus de Wit', birthDate: '1935-01-09', bsn: undefined });
    await screen.findByRole('button', { name: 'Toestemming vastleggen' });
    // Now known: the same record opens the same client, no second one.
    await waitFor(() => expect(current.textContent).toContain('Bekend in Netwerkzorg.'));
    fireEvent.click(within(current).getByRole('button', { name: 'Openen in Netwerkzorg' }));
    await waitFor(() => expect(a.session.clients.value.filter((c) => c.name === 'Truus de Wit')).toHaveLength(1));
  });

  it('warns when the client open in the panel is not the record on screen, and goes to the right one', async () => {
    const tabs = fakeTabs({ 1: page(jan), 2: page(maria) });
    const a = await panel(tabs);
    fireEvent.click(await screen.findByRole('button', { name: 'Openen in Netwerkzorg' }));
    await screen.findByRole('heading', { level: 2, name: 'Jan Pietersen' });
    expect(screen.queryByText(/Let op: dit is niet de cliënt/)).toBeNull();
    tabs.activate(2);
    const warning = await screen.findByText('Let op: dit is niet de cliënt van het dossier op uw scherm.');
    const alert = warning.closest('[role="alert"]')!;
    expect(alert.textContent).toContain('Hier: Jan Pietersen. In Praktijkdossier Demo: Maria Hendriks.');
    fireEvent.click(within(alert as HTMLElement).getByRole('button', { name: 'Naar Maria Hendriks' }));
    await screen.findByRole('heading', { level: 2, name: 'Maria Hendriks' });
    expect(a.router.route.value).toEqual({ name: 'client', id: 'c-hendriks' });
    await waitFor(() => expect(screen.queryByText(/Let op: dit is niet de cliënt/)).toBeNull());
  });

  it('warns in a conversation of another client’s network too', async () => {
    const tabs = fakeTabs({ 1: page(jan), 2: page(maria) });
    const a = await panel(tabs);
    a.go({ name: 'client', id: 'c-pietersen' });
    await screen.findByRole('button', { name: 'Toestemming vastleggen' });
    await a.care.recordConsent({ kind: 'client' }, 'verbal');
    const networkId = (await a.care.createNetwork())!;
    const id = (await a.care.startConversation({ networkId, subject: 'Medicatie', inboxIds: ['inbox-kanaleneiland'], professionalIds: [], text: 'Graag overleg.' }))!;
    await a.session.loadClients();
    a.go({ name: 'conversation', id });
    await screen.findByRole('heading', { level: 2, name: 'Medicatie' });
    expect(screen.queryByText(/Let op: dit is niet de cliënt/)).toBeNull();
    tabs.activate(2);
    await screen.findByText('Let op: dit is niet de cliënt van het dossier op uw scherm.');
  });

  it('warns in English too', async () => {
    const tabs = fakeTabs({ 1: page(jan), 2: page(maria) });
    await panel(tabs, undefined, 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Open in Netwerkzorg' }));
    await screen.findByRole('heading', { level: 2, name: 'Jan Pietersen' });
    tabs.activate(2);
    const warning = await screen.findByText('Careful: this is not the client whose record is on your screen.');
    expect(warning.closest('[role="alert"]')!.textContent).toContain('Here: Jan Pietersen. In Praktijkdossier Demo: Maria Hendriks.');
    expect(screen.getByRole('region', { name: 'Current client from Praktijkdossier Demo' }).textContent).toContain('BSN ending in 782');
  });

  it('asks once more when a page that just loaded did not answer yet (its content script was not listening)', async () => {
    const tabs = fakeTabs({ 1: page(jan) });
    const source: ContextSource = { ...tabs.source, watch: (onAnswer) => tabs.source.watch((_, tabId) => onAnswer(notReadable, tabId)) };
    app = createApp({ ...(await trainingOptions()), clientContext: { source, createModel: createClientContextModel } });
    renderIn(<App app={app} />);
    await app.start();
    await waitFor(() => expect(box().textContent).toContain('Jan Pietersen'), { timeout: 3000 });
  });

  it('asks the tab again before acting: a record system may switch client without loading a page', async () => {
    const tabs = fakeTabs({ 1: page(jan) });
    const a = await panel(tabs);
    await screen.findByRole('button', { name: 'Openen in Netwerkzorg' });
    tabs.change(1, page(maria));
    fireEvent.click(screen.getByRole('button', { name: 'Openen in Netwerkzorg' }));
    await screen.findByRole('heading', { level: 2, name: 'Maria Hendriks' });
    expect(a.router.route.value).toEqual({ name: 'client', id: 'c-hendriks' });
    tabs.change(1, { ok: false, reason: 'no-client', system: 'Praktijkdossier Demo' });
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw lezen' }));
    await screen.findByText('Deze pagina toont geen dossier van één cliënt.');
  });
});

describe('matching the record to a known client', () => {
  const client = (over: Partial<Client>): Client => ({ id: 'c', name: 'Jan Pietersen', birthDate: '1941-03-12', orgIds: [], createdAt: '2026-01-01T00:00:00.000Z', ...over });

  it.each([
    ['the same BSN, another spelling of the name', [client({ id: 'a', name: 'J. Pietersen', bsn: '111222333' })], 'a'],
    ['no BSN known: name and birth date', [client({ id: 'b', name: 'Pietersen, Jan' })], 'b'],
    ['another BSN: someone else, whatever the name', [client({ id: 'c', bsn: '123456782' })], null],
    ['the same name, another birth date', [client({ id: 'd', birthDate: '1941-03-13' })], null],
    ['BSN first, even after a name match', [client({ id: 'e' }), client({ id: 'f', name: 'Jan Pieterse', bsn: '111222333' })], 'f'],
  ])('%s', (_, clients, expected) => {
    expect(findKnownClient(jan, clients)?.id ?? null).toBe(expected);
  });

  it('takes no client from a refusal, and says nothing where the extension cannot read', () => {
    expect(stateOf({ ok: false, reason: 'bsn-invalid', system: 'X' })).toEqual({ kind: 'refused', reason: 'bsn-invalid', system: 'X' });
    expect(stateOf({ ok: false, reason: 'no-adapter' })).toEqual({ kind: 'none' });
    expect(stateOf(notReadable)).toEqual({ kind: 'none' });
    expect(maskBsn('111222333')).toBe('••••••333');
  });
});
