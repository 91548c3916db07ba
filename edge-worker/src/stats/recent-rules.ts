import type { CompiledRules } from '../engine/types.ts';

/** How many rules versions events are taken for: the one in force and the few before it (pages still open). */
export const RECENT_VERSIONS = 3;

/** Outcomes of a decision without a rule (`slot:-:outcome`), the SDK's own `timeout` and `error` included. */
const OUTCOMES = ['holdout', 'no-match', 'cap', 'consent', 'schedule', 'timeout', 'error'];

/** What events of one rules version may name. */
interface Known {
  version: string;
  /** Reason ids: `slot:rule:variant` and `slot:-:outcome`. */
  reasons: Set<string>;
  /** `slot\nrule`: the rules a holdout exposure may name as its control. */
  rules: Set<string>;
  slots: Set<string>;
  goals: Set<string>;
}

function knownOf(r: CompiledRules): Known {
  const k: Known = { version: r.version, reasons: new Set(), rules: new Set(), slots: new Set(), goals: new Set(r.goals) };
  for (const [slot, rules] of r.slots) {
    k.slots.add(slot);
    for (const o of OUTCOMES) k.reasons.add(`${slot}:-:${o}`);
    for (const rule of rules) {
      k.rules.add(`${slot}\n${rule.id}`);
      for (const v of rule.variants) k.reasons.add(v.reasonId);
    }
  }
  return k;
}

/**
 * The ids events may carry: those of the rules in force and of the last few versions
 * this edge has served, so what is stored is bounded by the rules, not by what a
 * caller makes up. Each version's sets are built once.
 */
export class RecentRules {
  #recent: Known[] = [];

  /** Notes the rules in force (cheap when they have not changed). */
  see(rules: CompiledRules): this {
    if (this.#recent[0]?.version !== rules.version) {
      this.#recent = [knownOf(rules), ...this.#recent.filter((k) => k.version !== rules.version)].slice(0, RECENT_VERSIONS);
    }
    return this;
  }

  #any(test: (k: Known) => boolean): boolean {
    return this.#recent.some(test);
  }

  reason(id: string): boolean {
    return this.#any((k) => k.reasons.has(id));
  }

  rule(slot: string, rule: string): boolean {
    return this.#any((k) => k.rules.has(`${slot}\n${rule}`));
  }

  slot(slot: string): boolean {
    return this.#any((k) => k.slots.has(slot));
  }

  goal(goal: string): boolean {
    return this.#any((k) => k.goals.has(goal));
  }
}
