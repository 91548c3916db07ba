import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options';

const O = 'https://edge.example';

describe('resolveOptions', () => {
  it('applies the defaults of the public contract', () => {
    expect(resolveOptions({ site: 'demo' }, O, '')).toEqual({
      site: 'demo',
      endpoint: O,
      timeout: 300,
      consent: undefined,
      debug: false,
      base: O + '/',
    });
  });

  it('reads data- attribute strings', () => {
    const r = resolveOptions({ site: 'demo', endpoint: 'https://api.example/', timeout: '150', consent: 'pending', debug: '' }, O, '');
    expect(r).toMatchObject({ endpoint: 'https://api.example', timeout: 150, consent: 'pending', debug: true });
  });

  it.each([
    ['abc', 300],
    ['-5', 300],
    ['', 300],
    [undefined, 300],
    ['0', 0],
    ['99999', 10000],
    [120, 120],
  ])('timeout %j → %j', (t, want) => {
    expect(resolveOptions({ timeout: t as never }, O, '').timeout).toBe(want);
  });

  it.each([
    [undefined, '', false],
    ['false', '', false],
    [false, '', false],
    ['', '', true],
    ['true', '', true],
    [true, '', true],
    [undefined, '?a=1&kairos_debug=1', true],
  ])('debug %j with search %j → %j', (d, search, want) => {
    expect(resolveOptions({ debug: d as never }, O, search).debug).toBe(want);
  });

  it('keeps a base given, else the endpoint', () => {
    expect(resolveOptions({ base: 'https://cdn.example/k/' }, O, '').base).toBe('https://cdn.example/k/');
    expect(resolveOptions({ endpoint: 'https://api.example/edge/' }, O, '').base).toBe('https://api.example/edge/');
  });

  it('never throws on bad input', () => {
    expect(() => resolveOptions({ site: 5 as never, timeout: {} as never, endpoint: 7 as never }, O, '')).not.toThrow();
  });
});
