/**
 * Asks the edge to delete what its stats keep about a visitor (`POST /v1/forget`), as a
 * CORS simple request (text/plain JSON, no preflight), aborted after `timeout` ms.
 * Never throws, never rejects: resolves true when the edge confirmed the deletion.
 *
 * @example
 * await forgetOnEdge('https://edge.example', 'demo', visitorId);
 */
export function forgetOnEdge(endpoint: string, site: string, visitor: string, timeout = 3000): Promise<boolean> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), timeout);
  return fetch(endpoint + '/v1/forget', { method: 'POST', body: JSON.stringify({ site, visitor }), keepalive: true, signal: ac.signal })
    .then((res) => res.ok, () => false)
    .finally(() => clearTimeout(t))
    .catch(() => false);
}
