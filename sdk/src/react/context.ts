import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Kairos } from '../types';

const KairosContext = createContext<Kairos | undefined>(undefined);

/** Props of {@link KairosProvider}. */
export interface KairosProviderProps {
  /** What `start()` from `@kairos/sdk` returned. Without a provider, `window.kairos` (the script tag's) is used. */
  kairos: Kairos;
  children?: ReactNode;
}

/**
 * Hands an SDK started with `import { start } from '@kairos/sdk'` to the hooks below it.
 * Not needed with the script tag: the hooks read `window.kairos`.
 * @example
 * const kairos = start({ site: 'demo' });
 * createRoot(el).render(<KairosProvider kairos={kairos}><App /></KairosProvider>);
 */
export function KairosProvider({ kairos, children }: KairosProviderProps): ReactNode {
  return createElement(KairosContext.Provider, { value: kairos }, children);
}

/** The SDK: the provider's, else the script tag's `window.kairos`, else undefined (not loaded yet, or on the server). */
export function useKairos(): Kairos | undefined {
  const given = useContext(KairosContext);
  return given ?? (typeof window == 'undefined' ? undefined : (window as { kairos?: Kairos }).kairos);
}
