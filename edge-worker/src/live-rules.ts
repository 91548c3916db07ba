import type { CompiledRules } from './engine/types.ts';
import type { RulesIssue } from './rules/types.ts';
import type { RulesSource } from './app-options.ts';
import { compileRules } from './engine/compile.ts';
import { RulesHolder } from './rules/load.ts';
import { prepareRules } from './rules/prepare.ts';

/** What loading a rules text did. */
export interface LoadResult {
  ok: boolean;
  errors: RulesIssue[];
  warnings: RulesIssue[];
}

/**
 * The rules in force on a running edge: each valid text is compiled once; an
 * invalid one is refused and the last good rules keep serving.
 */
export class LiveRules implements RulesSource {
  #holder = new RulesHolder();
  #compiled: CompiledRules | undefined;

  current(): CompiledRules | undefined {
    return this.#compiled;
  }

  async load(text: string): Promise<LoadResult> {
    const r = await this.#holder.update(text);
    const cur = this.#holder.current();
    if (r.ok && cur && cur.version !== this.#compiled?.version) this.#compiled = compileRules(prepareRules(cur.rules), cur.version);
    return { ok: r.ok, errors: r.errors, warnings: r.warnings };
  }
}
