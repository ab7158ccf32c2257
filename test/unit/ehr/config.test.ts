import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_ADAPTERS } from '../../../lib/ehr/adapters';
import { configuredAdaptersItem, loadAdapters } from '../../../lib/ehr/config';

const mine = (system: string, id = 'ons-ecd') => ({
  ...BUILT_IN_ADAPTERS[1]!, id, system, match: { hosts: ['ecd.zorgzaam.nl'] },
});

describe('adapters the content script reads with', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('are the built-in ones when nothing is configured', async () => {
    expect(await loadAdapters()).toEqual(BUILT_IN_ADAPTERS);
  });

  it('put managed, then configured adapters before the built-in ones', async () => {
    await configuredAdaptersItem.setValue([mine('Van de opties'), mine('Ander', 'ander')]);
    await fakeBrowser.storage.managed.set({ ehrAdapters: [mine('Van IT')] });
    expect((await loadAdapters()).map((a) => a.system)).toEqual(['Van IT', 'Ander', 'Praktijkdossier Demo', 'Zorgdossier Demo']);
  });

  it('ignore an invalid configuration rather than failing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await configuredAdaptersItem.setValue([{ ...mine('Kapot'), fields: {} }]);
    await fakeBrowser.storage.managed.set({ ehrAdapters: [{ ...mine('Ook kapot'), match: {} }] });
    expect(await loadAdapters()).toEqual(BUILT_IN_ADAPTERS);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
