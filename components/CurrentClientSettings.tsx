import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { configuredAdaptersItem, managedAdapters } from '../lib/ehr/config';
import { adapterHostPatterns } from '../lib/ehr/hosts';
import { parseAdapters } from '../lib/ehr/schema';
import { useI18n } from './i18n';

/** Where the options page keeps the configured EHR adapters; a test passes its own. */
export interface AdaptersStore {
  /** The stored value (any JSON, validated on every read), and whether the organisation set adapters by policy. */
  load(): Promise<{ configured: unknown; managed: boolean }>;
  /** Null removes the configuration: only the built-in demo systems remain. */
  save(adapters: unknown[] | null): Promise<void>;
  /** Asks the browser for these hosts (from the user's click); true when all are granted. */
  grant(patterns: string[]): Promise<boolean>;
}

export const storageAdaptersStore: AdaptersStore = {
  async load() {
    const [configured, managed] = await Promise.all([configuredAdaptersItem.getValue(), managedAdapters()]);
    return { configured, managed: managed.length > 0 };
  },
  save: (adapters) => (adapters ? configuredAdaptersItem.setValue(adapters) : configuredAdaptersItem.removeValue()),
  grant: (patterns) => browser.permissions.request({ origins: patterns }),
};

/** One problem, by the place in the JSON it is about: which adapter (by number and id) and which field. */
export interface AdapterIssue {
  adapter?: string;
  field: string;
  message: string;
}

/** `parseAdapters`' issues (`0.fields.name.selector: …`), each named by adapter and field. */
export function adapterIssues(text: string): AdapterIssue[] | null {
  const parsed = parseAdapters(text);
  if (parsed.ok) return null;
  let list: unknown = null;
  try {
    list = JSON.parse(text);
  } catch {
    // not JSON: the one issue says so
  }
  return parsed.issues.map((issue) => {
    const at = issue.indexOf(': ');
    const path = at < 0 ? '' : issue.slice(0, at);
    const message = at < 0 ? issue : issue.slice(at + 2);
    const [first, ...rest] = path.split('.');
    if (!first || !/^\d+$/.test(first)) return { field: path === '(root)' ? '' : path, message };
    const id = Array.isArray(list) ? (list[Number(first)] as { id?: unknown } | undefined)?.id : undefined;
    return { adapter: `${Number(first) + 1}${typeof id === 'string' && id ? ` (${id})` : ''}`, field: rest.join('.'), message };
  });
}

/**
 * The options page's record systems: how the side panel reads the client
 * from the record system beside it, as EHR adapters in JSON. Nothing is
 * stored unless every adapter is valid.
 */
export function EhrAdaptersSettings({ store = storageAdaptersStore }: { store?: AdaptersStore }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [managed, setManaged] = useState(false);
  const [issues, setIssues] = useState<AdapterIssue[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [ungranted, setUngranted] = useState<string[]>([]);
  useEffect(() => {
    void store.load().then(({ configured, managed }) => {
      setManaged(managed);
      if (configured !== null && configured !== undefined) setText(JSON.stringify(configured, null, 2));
    });
  }, [store]);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    setUngranted([]);
    if (!text.trim()) {
      setIssues(null);
      await store.save(null);
      setSaved(t('options.ehrCleared'));
      return;
    }
    const found = adapterIssues(text);
    setIssues(found);
    const parsed = parseAdapters(text);
    if (found || !parsed.ok) return;
    // First await of the click: the browser asks for host access only during a user gesture.
    const patterns = adapterHostPatterns(parsed.adapters);
    const granted = patterns.length ? await store.grant(patterns).catch(() => false) : true;
    const list = JSON.parse(text) as unknown[];
    await store.save(list);
    setSaved(t('options.ehrSaved', { n: list.length }));
    if (!granted) setUngranted(patterns.map((p) => p.replace(/^https:\/\/|\/\*$/g, '')));
  };

  return (
    <form class="stack" onSubmit={save} aria-labelledby="ehr-adapters-title">
      <h2 id="ehr-adapters-title">{t('options.ehr')}</h2>
      {managed && <p>{t('options.ehrManaged')}</p>}
      <div class="field">
        <label for="ehr-adapters">{t('options.ehrAdapters')}</label>
        <p class="hint" id="ehr-adapters-hint">{t('options.ehrExplain')}</p>
        <textarea id="ehr-adapters" rows={10} spellcheck={false} autoComplete="off" class="code"
          aria-invalid={issues ? true : undefined} aria-describedby={issues ? 'ehr-adapters-hint ehr-adapters-issues' : 'ehr-adapters-hint'}
          value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="submit">{t('options.ehrSave')}</button>
      </div>
      {saved && <p role="status" class="notice done">{saved}</p>}
      {ungranted.length > 0 && <p role="alert" class="notice refusal">{t('options.ehrNotGranted', { hosts: ungranted.join(', ') })}</p>}
      {issues && (
        <div role="alert" class="notice refusal" id="ehr-adapters-issues">
          <p>{t('options.ehrInvalid')}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                {i.message === 'not valid JSON' ? (
                  t('options.ehrInvalidJson')
                ) : (
                  <>
                    <code>{i.adapter ? `adapter ${i.adapter}` : t('options.ehrWhole')}{i.field && ` › ${i.field}`}</code>: {i.message}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
