// Builds the React SPA example into demo-site/public/react-spa/ (served by `npm start` at
// /react-spa/): the browser bundle (app.js), its stylesheet and one prerendered index.html
// per route.
// NODE_ENV=production builds React's production bundle; the default is development, whose
// warnings are what the browser test checks for.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'public', 'react-spa');
const env = process.env.NODE_ENV === 'production' ? 'production' : 'development';
// The example's tsconfig maps @kairos/sdk to its sources for type checking; the bundle uses the built package.
const common = { bundle: true, absWorkingDir: here, logLevel: 'warning', jsx: 'automatic', tsconfigRaw: '{}', define: { 'process.env.NODE_ENV': JSON.stringify(env) } };

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await copyFile(join(here, 'app.css'), join(out, 'app.css'));
await build({ ...common, entryPoints: ['src/main.tsx'], outfile: join(out, 'app.js'), format: 'esm', target: 'es2022', minify: env === 'production' });

const server = join(here, '.prerender.mjs');
await build({ ...common, entryPoints: ['src/prerender.tsx'], outfile: server, format: 'esm', platform: 'node', packages: 'external' });
try {
  const { prerender, routes } = await import(pathToFileURL(server).href);
  const page = await readFile(join(here, 'index.html'), 'utf8');
  for (const route of routes) {
    const file = join(out, route.replace(/^\/react-spa\//, ''), 'index.html');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, page.replace('<!--app-->', prerender(route)));
  }
} finally {
  await rm(server, { force: true });
}
