import { createElement, useState, useSyncExternalStore, type HTMLAttributes, type ReactNode } from 'react';

/** Props of {@link KairosSlot}: the slot id, the element to render, and any attribute of it. */
export interface KairosSlotProps extends HTMLAttributes<HTMLElement> {
  /** The slot id of the rules file (`data-kairos-slot`). */
  id: string;
  /** The element rendered for the slot. @default 'div' */
  as?: string;
  /** The default content: server-rendered, kept when no variant applies. Rendered once: keep it static. */
  children?: ReactNode;
}

// The slot's children belong to the SDK once React has put the default in: it replaces
// them with the decided variant. React must then never reconcile them again, or it would
// write over the variant or fail on nodes that are gone. So:
// - hydrating server HTML, React is told the content is opaque (dangerouslySetInnerHTML,
//   the same object every render: React never sets it again) and not to compare it with
//   what the server sent (suppressHydrationWarning): the SDK may have rendered a variant
//   into the server's default before React hydrates;
// - rendered on the client (a route change), the default is the children of the first
//   render, kept as the same element objects: React bails out of them on every re-render.
const OPAQUE = { __html: '' };
const never = (): (() => void) => () => {};

/**
 * A slot: renders `<div data-kairos-slot={id}>` with the default content as its
 * children, server-side too, and lets the SDK (script tag or `start()`) render the
 * decided variant into it, without React re-rendering over it or warning about it.
 * The SDK finds the slot when it enters the page, on every route of an SPA.
 * @example
 * <KairosSlot id="hero" as="section" className="hero"><h2>Welcome</h2></KairosSlot>
 */
export function KairosSlot({ id, as = 'div', children, ...rest }: KairosSlotProps): ReactNode {
  // True on the server and while hydrating, false in a render on the client alone.
  const early = useSyncExternalStore(never, () => false, () => true);
  const [hydrating] = useState(() => early && typeof window != 'undefined');
  const [initial] = useState(() => children);
  const props = { ...rest, key: id, 'data-kairos-slot': id };
  return hydrating
    ? createElement(as, { ...props, suppressHydrationWarning: true, dangerouslySetInnerHTML: OPAQUE })
    : createElement(as, props, initial);
}
