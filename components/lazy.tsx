import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './ui';

/**
 * A view loaded on first use, so the panel starts with the inbox only.
 * `preload` fetches it ahead (after the first screen is shown).
 */
export function lazy<P>(load: () => Promise<{ default: ComponentType<P> }>): FunctionComponent<P> & { preload(): Promise<void> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => (pending ??= load().then((m) => {
    loaded = m.default;
  }));
  const Lazy = (props: P) => {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (!loaded) void preload().then(() => setReady(true));
    }, []);
    const C = loaded as ComponentType<P> | null;
    return C ? <C {...(props as P & object)} /> : <Loading />;
  };
  return Object.assign(Lazy, { preload });
}
