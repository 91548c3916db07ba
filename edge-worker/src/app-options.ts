import type { CompiledRules } from './types.ts';

/** Where the app gets the rules in force: the last good compiled version. */
export interface RulesSource {
  /** The rules in force, or undefined when no valid rules file was ever loaded. */
  current(): CompiledRules | undefined;
}

/** Static files (the SDK bundle, the demo storefront) behind one interface per runtime. */
export interface AssetSource {
  /** The file at `path` (leading slash, no query), or null when there is none. */
  get(path: string, req: Request): Promise<Response | null>;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  rules: RulesSource;
  /** Serves /kairos.js, its lazy chunks and any other static file. @default none */
  assets?: AssetSource;
  /**
   * Dev mode trusts test headers such as `x-kairos-country` (never in production,
   * where geo comes from the platform). @default false
   */
  dev?: boolean;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}
