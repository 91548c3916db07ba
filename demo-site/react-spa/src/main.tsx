// The browser entry: hydrates the prerendered route. With the script tag on the page
// (window.kairos), the SDK is already running; without it, the app starts the SDK itself.
import { hydrateRoot } from 'react-dom/client';
import { start } from '@kairos/sdk';
import { KairosProvider } from '@kairos/sdk/react';
import { App } from './app';

const root = document.getElementById('root')!;
const app = <App path={location.pathname} />;
if (document.querySelector('script[src$="kairos.js"]')) hydrateRoot(root, app);
else hydrateRoot(root, <KairosProvider kairos={start({ site: 'demo' })}>{app}</KairosProvider>);
