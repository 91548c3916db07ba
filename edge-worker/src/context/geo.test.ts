import { describe, expect, it } from 'vitest';
import { geoFromRequest } from './geo.ts';

function request(headers: Record<string, string> = {}, cf?: Record<string, unknown>): Request {
  const req = new Request('https://edge.example/v1/decide', { method: 'POST', headers });
  if (cf) Object.defineProperty(req, 'cf', { value: cf });
  return req;
}

describe('geoFromRequest', () => {
  it('reads request.cf on Workers', () => {
    expect(geoFromRequest(request({}, { country: 'de', region: 'Bavaria' }), { trustDevHeader: false })).toEqual({ country: 'DE', region: 'Bavaria' });
  });

  it('falls back to the cf-ipcountry header', () => {
    expect(geoFromRequest(request({ 'cf-ipcountry': 'fr' }), { trustDevHeader: false })).toEqual({ country: 'FR', region: '' });
  });

  it('returns empty strings when nothing is known, and for Cloudflare non-countries', () => {
    expect(geoFromRequest(request(), { trustDevHeader: false })).toEqual({ country: '', region: '' });
    expect(geoFromRequest(request({ 'cf-ipcountry': 'XX' }), { trustDevHeader: false }).country).toBe('');
    expect(geoFromRequest(request({ 'cf-ipcountry': 'T1' }), { trustDevHeader: false }).country).toBe('');
    expect(geoFromRequest(request({ 'cf-ipcountry': 'USA' }), { trustDevHeader: false }).country).toBe('');
  });

  it('ignores the dev headers unless trusted', () => {
    const req = request({ 'x-kairos-country': 'jp', 'x-kairos-region': 'Tokyo' });
    expect(geoFromRequest(req, { trustDevHeader: false })).toEqual({ country: '', region: '' });
    expect(geoFromRequest(req, { trustDevHeader: true })).toEqual({ country: 'JP', region: 'Tokyo' });
  });

  it('lets trusted dev headers win over the placeholder cf of local workerd', () => {
    const req = request({ 'x-kairos-country': 'ch' }, { country: 'US', region: 'Texas' });
    expect(geoFromRequest(req, { trustDevHeader: true })).toEqual({ country: 'CH', region: '' });
    expect(geoFromRequest(req, { trustDevHeader: false })).toEqual({ country: 'US', region: 'Texas' });
  });

  it('never reads the client IP', () => {
    const req = request({ 'cf-connecting-ip': '203.0.113.9', 'x-forwarded-for': '203.0.113.9' });
    expect(JSON.stringify(geoFromRequest(req, { trustDevHeader: true }))).not.toContain('203.0.113.9');
  });
});
