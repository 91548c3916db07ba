/**
 * What `kairos init` writes: a starter rules file and a Workers config that ships the
 * edge with those rules and the SDK, without the demo storefront.
 */

/** Paths the generated files refer to, relative to the directory they are written in (posix). */
export interface InitPaths {
  /** The rules JSON Schema (`edge-worker/rules.schema.json`). */
  schema: string;
  /** The Workers entry (`edge-worker/src/adapters/workerd/entry.ts`). */
  entry: string;
  /** The SDK files the edge serves (`edge-worker/dist/sdk`, written by the build). */
  sdkAssets: string;
  /** Wrangler's config schema, for editor completion. */
  wranglerSchema: string;
  /** The repository root, where the build command runs. */
  root: string;
  /** The rules file as the build (run in `root`) finds it. */
  rulesFromRoot: string;
}

/** The starter rules: one slot with a campaign rule and a device rule, valid as written. */
export function starterRules(site: string, schema: string): object {
  return {
    $schema: schema,
    site,
    origins: ['https://www.example.com'],
    holdout: 0.05,
    slots: {
      hero: {
        rules: [
          {
            id: 'newsletter-campaign',
            when: { 'utm.medium': 'email' },
            variants: [{ id: 'welcome-back', text: 'Welcome back: this week’s picks are below' }],
          },
          {
            id: 'mobile',
            when: { 'device.type': 'mobile' },
            variants: [
              { id: 'mobile-a', weight: 50, text: 'Free returns, order in two taps' },
              { id: 'mobile-b', weight: 50, text: 'Free returns on every order' },
            ],
            cap: { perVisitor: 3 },
          },
        ],
      },
    },
  };
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The Workers config: the user's rules (bundled by the build command, scripts/build-site.mjs), the SDK as the only assets. */
export function starterWrangler(site: string, p: InitPaths, compatibilityDate: string): string {
  const config = {
    $schema: p.wranglerSchema,
    name: `kairos-${site.replace(/_/g, '-')}`,
    main: p.entry,
    compatibility_date: compatibilityDate,
    // Run in the checkout. Only the rules file is watched (a saved one rebuilds under `wrangler
    // dev`): wrangler writes its own files into .wrangler/ next to this config.
    build: { command: `node edge-worker/scripts/build-site.mjs ${shellQuote(p.rulesFromRoot)}`, cwd: p.root, watch_dir: './rules.json' },
    assets: { directory: p.sdkAssets, binding: 'ASSETS', run_worker_first: true },
    durable_objects: { bindings: [{ name: 'STATS', class_name: 'KairosStats' }] },
    migrations: [{ tag: 'v1', new_sqlite_classes: ['KairosStats'] }],
    vars: { KAIROS_DEV: '0' },
    observability: { enabled: false },
  };
  return `// Kairos for site "${site}", written by \`kairos init\`.
// \`npx wrangler deploy -c <this file>\` first runs the build (which validates the rules
// file and refuses an invalid one), then ships the edge with those rules and the SDK.
// Rules change in production by deploying again. The paths point into the Kairos checkout.
${JSON.stringify(config, null, 2)}
`;
}
