import { describe, expect, it } from 'vitest';
import { origin, previewOf } from './signals';

describe('origin', () => {
  it('keeps only the referrer host, never its path or query', () => {
    const s = origin('', 'https://www.google.com/search?q=ski+boots&secret=1');
    expect(s.referrer).toBe('www.google.com');
    expect(JSON.stringify(s)).not.toContain('ski');
  });
  it('has no referrer for a direct visit', () => {
    expect(origin('', '').referrer).toBeUndefined();
  });
  it('reads the utm parameters present and leaves the others out of the JSON', () => {
    const s = origin('?utm_source=news&utm_medium=email&utm_campaign=spring&x=1', '');
    expect(JSON.parse(JSON.stringify(s.utm))).toEqual({ source: 'news', medium: 'email', campaign: 'spring' });
  });
  it('sends the names of the ad click ids present, never their values', () => {
    const s = origin('?gclid=SECRET123&fbclid=F&other=1', '');
    expect(s.clickIds).toEqual(['gclid', 'fbclid']);
    expect(JSON.stringify(s)).not.toContain('SECRET123');
  });
});

describe('previewOf', () => {
  it.each([
    ['', undefined],
    ['?kairos_preview=hero:ski-hero', { hero: 'ski-hero' }],
    ['?kairos_preview=hero:a,promo:b', { hero: 'a', promo: 'b' }],
    ['?kairos_preview=hero%3Aa', { hero: 'a' }],
  ])('%s → %j', (search, want) => {
    const p = previewOf(search);
    expect(p && JSON.parse(JSON.stringify(p))).toEqual(want);
  });
});
