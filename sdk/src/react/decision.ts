import { useCallback, useSyncExternalStore } from 'react';
import type { SlotDecision } from '../types';
import { useKairos } from './context';

// The SDK dispatches `kairos:decision` on the slot element and it bubbles to document
// (what `kairos.on('decision')` listens to), so the hook hears decisions even before the
// script tag's `window.kairos` exists.
const subscribe = (changed: () => void): (() => void) => {
  document.addEventListener('kairos:decision', changed);
  return () => document.removeEventListener('kairos:decision', changed);
};

/**
 * The SDK's decision for slot `id` (variant, outcome, reason), or undefined until the slot
 * is decided, and on the server. Re-renders the component when the slot is decided again.
 * @example
 * const d = useKairosDecision('hero');
 * return d?.variant ? <small>showing {d.variant}</small> : null;
 */
export function useKairosDecision(id: string): SlotDecision | undefined {
  const kairos = useKairos();
  const read = useCallback(() => (kairos ?? (window as { kairos?: typeof kairos }).kairos)?.decisions[id], [kairos, id]);
  return useSyncExternalStore(subscribe, read, () => undefined);
}
