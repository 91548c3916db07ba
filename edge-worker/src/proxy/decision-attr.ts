import type { Decision } from '../protocol/index.ts';

/** The attribute of an edge-decided slot that carries its decision, for the SDK to track the exposure. */
export const DECISION_ATTR = 'data-kairos-decision';

/**
 * What `data-kairos-decision` holds, as JSON: the slot's decision exactly as
 * `POST /v1/decide` returns it in `decisions[slot]` (reason, bandit segment, token),
 * without `content` (already in the HTML), plus `visitor`: the id the token was signed
 * over, which the exposure must be sent with.
 */
export type EdgeDecision = Omit<Decision, 'content'> & { visitor: string };

/** The JSON text of a slot's {@link EdgeDecision}. */
export function decisionAttr(d: Decision, visitor: string): string {
  const { content: _, ...rest } = d;
  const out: EdgeDecision = { ...rest, visitor };
  return JSON.stringify(out);
}
