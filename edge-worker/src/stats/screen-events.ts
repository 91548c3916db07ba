import { checkDecisionToken, signedReason } from '../sign/decision-token.ts';
import type { EdgeKeys } from '../sign/keys.ts';
import type { KairosEvent } from '../protocol/index.ts';
import type { RecentRules } from './recent-rules.ts';

/** The events of a batch worth counting, and how many were left out. */
export interface Screened {
  events: KairosEvent[];
  refused: number;
}

/**
 * Keeps only what the edge can vouch for: an exposure with the token of a decision the
 * edge handed this visitor (for a reason of recent rules); a conversion of a declared
 * goal; a timeout of a known slot; a vital, with only the known reason ids of its page.
 * The rest is left out (counted in `refused`), not refused with the batch: a page open
 * across a rules change still gets its other events counted.
 *
 * @param visitor The visitor id as sent: the token was signed over it.
 */
export async function screenEvents(events: KairosEvent[], visitor: string, known: RecentRules, keys: EdgeKeys, now: number): Promise<Screened> {
  const verdicts = await Promise.all(events.map(async (e): Promise<KairosEvent | undefined> => {
    switch (e.type) {
      case 'exposure': {
        const reason = e.reason!;
        if (!known.reason(reason)) return undefined;
        // A holdout names the rule it is the control of; the token does not cover that
        // name (the SDK may leave it out), so it must at least be a rule of this slot.
        const control = reason.endsWith(':-:holdout') && e.rule !== undefined ? e.rule : undefined;
        if (control !== undefined && !known.rule(e.slot!, control)) return undefined;
        return (await checkDecisionToken(keys, e.token, visitor, signedReason(reason, e.segment), now)) ? e : undefined;
      }
      case 'conversion':
        return known.goal(e.goal!) ? e : undefined;
      case 'timeout':
        return known.slot(e.slot!) && (e.reason === undefined || known.reason(e.reason)) ? e : undefined;
      case 'vital':
        return { ...e, decisions: (e.decisions ?? []).filter((id) => known.reason(id)) };
    }
  }));
  const kept = verdicts.filter((e): e is KairosEvent => e !== undefined);
  return { events: kept, refused: events.length - kept.length };
}
