import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n';
import { Loading } from './ui';

/**
 * A view loaded on first use, so the panel starts with the inbox only, shown
 * once its code and the screens' texts are there. `preload` fetches the code
 * ahead (after the first screen is shown).
 */
export function lazy<P>(load: () => Promise<{ default: ComponentType<P> }>): FunctionComponent<P> & { preload(): Promise<void> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => (pending ??= load().then((m) => {
    loaded = m.default;
  }));
  const Lazy = (props: P) => {
    const i18n = useI18n();
    const [, setReady] = useState(false);
    useEffect(() => {
      if (!loaded || !i18n.screensLoaded) void Promise.all([preload(), i18n.loadScreens()]).then(() => setReady(true));
    }, []);
    const C = (i18n.screensLoaded ? loaded : null) as ComponentType<P> | null;
    return C ? <C {...(props as P & object)} /> : <Loading />;
  };
  return Object.assign(Lazy, { preload });
}
