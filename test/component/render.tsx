import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { I18nContext } from '../../components/i18n';
import { createI18n, type Lang } from '../../lib/i18n';
import { en } from '../../lib/i18n/en';
import { enScreens } from '../../lib/i18n/en-screens';
import { nl } from '../../lib/i18n/nl';
import { nlScreens } from '../../lib/i18n/nl-screens';

/** Renders a view in the given language, with every text loaded, as the panel has once a screen is shown. */
export function renderIn(ui: ComponentChildren, lang: Lang = 'nl') {
  return render(<I18nContext.Provider value={lang === 'en' ? createI18n('en', en, enScreens) : createI18n('nl', nl, nlScreens)}>{ui}</I18nContext.Provider>);
}
