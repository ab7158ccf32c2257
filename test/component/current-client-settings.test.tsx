// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { adapterIssues, EhrAdaptersSettings, storageAdaptersStore, type AdaptersStore } from '../../components/CurrentClientSettings';
import { OptionsPage } from '../../components/OptionsPage';
import { configuredAdaptersItem, loadAdapters } from '../../lib/ehr';
import { renderIn } from './render';

const adapter = {
  id: 'ons-his',
  system: 'Ons HIS',
  kind: 'his',
  match: { hosts: ['his.example.nl'] },
  fields: {
    name: { from: 'element', selector: '#naam' },
    birthDate: { from: 'label', label: 'Geboortedatum' },
    patientRef: { from: 'url', pattern: '/patient/(\\d+)' },
  },
};

function memoryStore(configured: unknown = null, managed = false, allow = true) {
  const store: AdaptersStore & { saved: unknown[]; asked: string[][] } = {
    saved: [],
    asked: [],
    load: async () => ({ configured, managed }),
    save: vi.fn(async (value) => {
      store.saved.push(value);
    }),
    grant: async (patterns) => {
      store.asked.push(patterns);
      return allow;
    },
  };
  return store;
}

const textarea = () => screen.getByLabelText('Adapters (JSON)') as HTMLTextAreaElement;
const apply = () => fireEvent.click(screen.getByRole('button', { name: 'Dossiersystemen instellen' }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('record systems on the options page', () => {
  it('shows what is configured, and stores valid adapters', async () => {
    const store = memoryStore([adapter]);
    renderIn(<EhrAdaptersSettings store={store} />);
    await waitFor(() => expect(JSON.parse(textarea().value)).toEqual([adapter]));
    const second = { ...adapter, id: 'ons-ecd', system: 'Ons ECD', kind: 'ecd' };
    fireEvent.input(textarea(), { target: { value: JSON.stringify([adapter, second]) } });
    apply();
    await screen.findByText('Opgeslagen: 2 dossiersysteem/-systemen.');
    expect(store.saved).toEqual([[adapter, second]]);
    expect(store.asked).toEqual([['https://his.example.nl/*']]);
    expect(textarea().getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the record systems\' hosts when saving; without access it says the panel will not read there', async () => {
    const store = memoryStore(null, false, false);
    renderIn(<EhrAdaptersSettings store={store} />);
    const elsewhere = { ...adapter, id: 'ander', match: { hosts: ['*.zorgdossier.nl', 'his.example.nl:8443', '127.0.0.1:8788'] } };
    fireEvent.input(textarea(), { target: { value: JSON.stringify([adapter, elsewhere]) } });
    apply();
    const alert = await screen.findByRole('alert');
    expect(store.asked).toEqual([['https://*.zorgdossier.nl/*', 'https://his.example.nl/*']]);
    expect(alert.textContent).toBe('Geen toegang gekregen tot *.zorgdossier.nl, his.example.nl: het zijpaneel leest daar de cliënt niet. Sla opnieuw op en sta de toegang toe.');
    expect(store.saved).toEqual([[adapter, elsewhere]]);
  });

  it('stores nothing while an adapter is invalid, and names each wrong field by adapter', async () => {
    const store = memoryStore();
    renderIn(<EhrAdaptersSettings store={store} />);
    const wrong = [adapter, { ...adapter, id: 'tweede', kind: 'vvt', match: { hosts: ['https://his.example.nl/'] } }];
    fireEvent.input(textarea(), { target: { value: JSON.stringify(wrong) } });
    apply();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Niet opgeslagen. Verbeter eerst:');
    const items = [...alert.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(expect.arrayContaining([expect.stringMatching(/^adapter 2 \(tweede\) › kind: /), expect.stringMatching(/^adapter 2 \(tweede\) › match\.hosts\.0: host, \*\.host or host:port/)]));
    expect(items.some((i) => i?.startsWith('adapter 1'))).toBe(false);
    expect(textarea().getAttribute('aria-invalid')).toBe('true');
    expect(textarea().getAttribute('aria-describedby')).toContain(alert.id);
    expect(store.save).not.toHaveBeenCalled();
  });

  it.each([
    ['text that is not JSON', '[{ id: ', 'Dit is geen geldige JSON.'],
    ['two adapters with one id', JSON.stringify([adapter, adapter]), 'de hele lijst: adapter ids must be unique'],
  ])('refuses %s', async (_, value, message) => {
    const store = memoryStore();
    renderIn(<EhrAdaptersSettings store={store} />);
    fireEvent.input(textarea(), { target: { value } });
    apply();
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    expect(store.save).not.toHaveBeenCalled();
  });

  it('an empty field removes the configuration: the built-in demo systems remain', async () => {
    const store = memoryStore([adapter]);
    renderIn(<EhrAdaptersSettings store={store} />, 'en');
    await waitFor(() => expect(textarea().value).not.toBe(''));
    fireEvent.input(textarea(), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply record systems' }));
    await screen.findByText('Saved: only the built-in demo systems.');
    expect(store.saved).toEqual([null]);
  });

  it('says when the organisation set adapters by policy', async () => {
    renderIn(<EhrAdaptersSettings store={memoryStore(null, true)} />);
    await screen.findByText('Uw organisatie heeft ook dossiersystemen ingesteld; bij dezelfde id gaan die voor.');
  });

  it('through the extension’s storage, where the content script reads them', async () => {
    await storageAdaptersStore.save([adapter]);
    expect(await configuredAdaptersItem.getValue()).toEqual([adapter]);
    expect((await loadAdapters()).map((a) => a.id)).toEqual(['ons-his', 'praktijkdossier-demo', 'zorgdossier-demo']);
    expect(await storageAdaptersStore.load()).toEqual({ configured: [adapter], managed: false });
    await storageAdaptersStore.save(null);
    expect(await configuredAdaptersItem.getValue()).toBeNull();
  });

  it('is part of the options page', async () => {
    renderIn(<OptionsPage lang="nl" backend={{ kind: 'training' }} locked={false} onSave={vi.fn()} adaptersStore={memoryStore()} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Dossiersystemen' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Dossiersystemen' })).toBeTruthy();
  });

  it('reads issues as adapter and field', () => {
    expect(adapterIssues(JSON.stringify([adapter]))).toBeNull();
    expect(adapterIssues('{}')).toEqual([{ field: '', message: expect.any(String) }]);
  });
});
