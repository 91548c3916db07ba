/**
 * Global Privacy Control, as the browser says it on every request (`Sec-GPC: 1`,
 * https://privacycg.github.io/gpc-spec/): the visitor's opt-out of tracking and sale,
 * which the edge honours like `navigator.globalPrivacyControl` in the SDK.
 */
export function gpcOptOut(req: Request): boolean {
  return req.headers.get('sec-gpc')?.trim() === '1';
}

/** What a visitor with GPC on has consented to: nothing, whatever the body claims. */
export const NO_CONSENT = { personalization: false, analytics: false } as const;
