import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { KairosSlot, useKairosDecision } from '@kairos/sdk/react';

/** The two routes of the example, under /react-spa/. */
export const ROUTES = { '/react-spa/': 'Home', '/react-spa/deals/': 'Deals' } as const;
export type Route = keyof typeof ROUTES;
export const routeOf = (path: string): Route => (path in ROUTES ? (path as Route) : '/react-spa/');

/** A link that changes the route with history.pushState: no page load. */
function Link({ to, go, children }: { to: Route; go: (to: Route) => void; children: ReactNode }) {
  const click = (e: MouseEvent) => {
    e.preventDefault();
    history.pushState(null, '', to);
    go(to);
  };
  return <a href={to} onClick={click}>{children}</a>;
}

/** What the SDK decided for a slot, read through React (for a caption, analytics …). */
function Shows({ slot }: { slot: string }) {
  const d = useKairosDecision(slot);
  return <p className="note" data-shows={slot}>{slot}: {d ? `${d.variant ?? 'default'} (${d.outcome})` : 'deciding…'}</p>;
}

function Home() {
  return (
    <>
      <KairosSlot id="promo" className="promo"><p><strong>Free shipping</strong> on orders over €75</p></KairosSlot>
      <KairosSlot id="hero" as="section" className="hero" aria-label="Featured">
        <h2>Gear for the mountains</h2>
        <p>Skis, tents and trail shoes, tuned by people who use them.</p>
      </KairosSlot>
      <Shows slot="hero" />
    </>
  );
}

function Deals() {
  return (
    <>
      <KairosSlot id="product-cta" as="p">Add to cart</KairosSlot>
      <KairosSlot id="recs" as="section" aria-label="Recommended"><h2>Popular this week</h2></KairosSlot>
      <Shows slot="recs" />
    </>
  );
}

/** The app: a header with the two links, a counter that re-renders everything, and the route's page. */
export function App({ path }: { path: string }) {
  const [route, setRoute] = useState<Route>(routeOf(path));
  const [clicks, setClicks] = useState(0);
  useEffect(() => {
    const back = () => setRoute(routeOf(location.pathname));
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  return (
    <>
      <header>
        <nav>
          <Link to="/react-spa/" go={setRoute}>Home</Link> · <Link to="/react-spa/deals/" go={setRoute}>Deals</Link>
        </nav>
        <button type="button" onClick={() => setClicks(clicks + 1)}>Re-render ({clicks})</button>
      </header>
      <main>
        <h1>{ROUTES[route]}</h1>
        {route === '/react-spa/deals/' ? <Deals /> : <Home />}
      </main>
    </>
  );
}
