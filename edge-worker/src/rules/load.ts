/**
 * Keeps the last good rules: a new text replaces them only when it parses and
 * validates, so a running edge goes on serving while a broken file is refused
 * with every error.
 */
import type { RulesFile, RulesIssue } from './types.ts';
import { rulesVersion } from './fingerprint.ts';
import { parseJsonText } from './json-text.ts';
import { validateRules } from './validate.ts';

/** What one `update` did. `version` is set when the text was accepted. */
export interface RulesUpdate {
  ok: boolean;
  errors: RulesIssue[];
  warnings: RulesIssue[];
  version?: string;
}

/** Validated rules and their version (a short SHA-256 of the canonical JSON). */
export interface CurrentRules {
  rules: RulesFile;
  version: string;
}

/**
 * Holds the rules in force.
 * @example
 * const holder = new RulesHolder();
 * const r = await holder.update(text);
 * if (!r.ok) log(formatIssues(r.errors)); // holder.current() is unchanged
 */
export class RulesHolder {
  #current: CurrentRules | undefined;
  #started = 0;
  #applied = 0;

  /** The last rules that validated, or undefined before the first good update. */
  current(): CurrentRules | undefined {
    return this.#current;
  }

  /** Parses and validates `text`; replaces the current rules only when it has no errors. */
  async update(text: string): Promise<RulesUpdate> {
    const ticket = ++this.#started;
    const parsed = parseJsonText(text);
    if (!parsed.ok) return { ok: false, errors: [parsed.issue], warnings: [] };
    const result = validateRules(parsed.value);
    if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
    const version = await rulesVersion(result.rules);
    // Hashing is async: an older update finishing late must not replace a newer one.
    if (ticket > this.#applied) {
      this.#applied = ticket;
      this.#current = { rules: result.rules, version };
    }
    return { ok: true, errors: [], warnings: result.warnings, version };
  }
}
