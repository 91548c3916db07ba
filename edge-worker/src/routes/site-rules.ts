import type { RulesSource } from '../app-options.ts';
import type { CompiledRules } from '../engine/types.ts';
import { ApiError } from '../http/errors.ts';

/** The rules in force, refusing a request before any were loaded: 503 `no_rules`. */
export function rulesInForce(source: RulesSource): CompiledRules {
  const rules = source.current();
  if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
  return rules;
}

/**
 * The rules in force for `site` (a request's own site id), refusing another site: 404 `unknown_site`.
 * @param path Where the site id was in the request, for the error.
 */
export function rulesForSite(source: RulesSource, site: string, path = '$.site'): CompiledRules {
  const rules = rulesInForce(source);
  if (site !== rules.site) {
    throw new ApiError(404, 'unknown_site', `site "${site.slice(0, 100)}" is not served here (this edge serves "${rules.site}")`, path);
  }
  return rules;
}
