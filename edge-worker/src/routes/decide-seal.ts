import type { AppOptions } from '../app-options.ts';
import { decisionToken, signedReason } from '../sign/decision-token.ts';
import { keysFor } from '../sign/keys.ts';
import { checkPreview, PREVIEW_TOKEN_KEY } from '../sign/preview-token.ts';
import type { DecideRequest, Decision, Reason } from '../protocol/index.ts';

/** The step after deciding: replaces decisions in the map by their signed (or annotated) copies. */
export type Seal = (decisions: Record<string, Decision>) => Promise<void>;

/**
 * Readies a decide request before deciding, and says what to do with its decisions:
 * - a preview is honoured only with a valid preview token, or in dev mode; otherwise it
 *   is dropped and each previewed slot's reason says why (`previewRefused`), while the
 *   page still gets its normal decisions;
 * - with a secret and analytics consent (events are sent only then), each decision gets
 *   its token, so its exposure can be verified (a preview is QA and never counted).
 * Returns undefined when there is nothing to do after deciding.
 */
export async function sealFor(opts: AppOptions, body: DecideRequest, at: number): Promise<Seal | undefined> {
  const keys = keysFor(opts.secret);
  let refused: Reason['previewRefused'];
  let previewed: string[] = [];
  if (body.preview) {
    const { [PREVIEW_TOKEN_KEY]: _token, ...pairs } = body.preview;
    refused = opts.dev === true ? undefined : await checkPreview(keys, body.preview, at);
    if (refused) {
      previewed = Object.keys(pairs);
      delete body.preview;
    } else body.preview = pairs;
  }
  const sign = keys && body.consent.analytics ? keys : undefined;
  if (!sign && !refused) return undefined;
  return async (decisions) => {
    for (const slot of previewed) {
      const d = decisions[slot];
      // Decisions may be shared and frozen: annotated copies replace them.
      if (d) decisions[slot] = { ...d, reason: { ...d.reason, previewRefused: refused } };
    }
    if (!sign) return;
    await Promise.all(Object.keys(decisions).map(async (slot) => {
      const d = decisions[slot]!;
      if (d.reason.outcome === 'preview' || d.reason.outcome === 'unknown-slot') return;
      decisions[slot] = { ...d, token: await decisionToken(sign, body.visitor, signedReason(d.reason.id, d.reason.bandit?.segment), at) };
    }));
  };
}
