// Compiled against dist/react.d.ts by test/build.test.ts: what a React user writes.
import { createElement, type ReactNode } from 'react';
import { start } from '@kairos/sdk';
import { KairosProvider, KairosSlot, useKairos, useKairosDecision, type KairosSlotProps } from '@kairos/sdk/react';

const props: KairosSlotProps = { id: 'hero', as: 'section', className: 'hero', children: 'Welcome' };
const slot: ReactNode = KairosSlot(props);
const tree: ReactNode = createElement(KairosProvider, { kairos: start({ site: 'demo' }) }, createElement(KairosSlot, { id: 'promo' }, 'Free shipping'));
function Caption(): ReactNode {
  const d = useKairosDecision('hero');
  const variant: string | undefined = d?.variant;
  const ready: boolean = useKairos() !== undefined;
  return `${variant ?? 'default'} ${ready}`;
}
void slot;
void tree;
void Caption;

// @ts-expect-error: a slot needs its id
createElement(KairosSlot, {});
