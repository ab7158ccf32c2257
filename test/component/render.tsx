import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { I18nContext } from '../../components/i18n';
import { createI18n, type Lang } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { nl } from '../../lib/i18n/nl';

/** Renders a view in the given language, as the panel does. */
export function renderIn(ui: ComponentChildren, lang: Lang = 'nl') {
  return render(<I18nContext.Provider value={createI18n(lang, lang === 'en' ? en : nl)}>{ui}</I18nContext.Provider>);
}
