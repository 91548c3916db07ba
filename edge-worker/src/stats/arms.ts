/** An arm parsed from a reason id. */
export interface Arm {
  arm: string;
  slot: string;
  rule: string;
  variant: string;
}

/** The variant name of a rule's counterfactual holdout arm (`slot:rule:-holdout`); `-` never starts a slug. */
export const RULE_HOLDOUT = '-holdout';

/** Splits a reason id (`slot:rule:variant` or `slot:-:outcome`); undefined when it is not one. */
export function parseArm(id: string): Arm | undefined {
  const a = id.indexOf(':');
  const b = id.indexOf(':', a + 1);
  if (a <= 0 || b <= a + 1 || b === id.length - 1 || id.indexOf(':', b + 1) !== -1) return undefined;
  return { arm: id, slot: id.slice(0, a), rule: id.slice(a + 1, b), variant: id.slice(b + 1) };
}

/** The slot-level holdout arm of a slot. */
export const holdoutArm = (slot: string): string => `${slot}:-:holdout`;

/** The counterfactual holdout arm of a rule: holdout visitors whom the rule would have matched. */
export const ruleHoldoutArm = (slot: string, rule: string): string => `${slot}:${rule}:${RULE_HOLDOUT}`;
