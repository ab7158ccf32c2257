import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createI18n, type I18n } from '../lib/i18n';

/** The user's language for every view below; the host chooses it (options page, embed page). */
export const I18nContext = createContext<I18n>(createI18n('nl'));
export const useI18n = () => useContext(I18nContext);
