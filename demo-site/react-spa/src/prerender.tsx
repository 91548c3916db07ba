// Build time, in Node: each route's HTML with its slots' default content, so the page
// shows them before any script runs and React hydrates them.
import { renderToString } from 'react-dom/server';
import { App, ROUTES, type Route } from './app';

/** The root's markup for a route. */
export const prerender = (path: Route): string => renderToString(<App path={path} />);
export const routes = Object.keys(ROUTES) as Route[];
