import { describe, expect, it } from 'vitest';
import { checkRegex, MAX_REGEX_LENGTH } from './regex-safety.ts';

describe('checkRegex', () => {
  it.each([
    'ski',
    '^/products/',
    '(ski|snow)board',
    '-12-25$',
    '(ski|snow)+',
    '^(\\d{2}-){3}$',
    '[a-z]+@[a-z]+\\.com',
    '^https?://(www\\.)?example\\.com/',
    '\\bski\\b',
    '[(]+',
    '^/(en|de)/',
    '(?=ski)s',
  ])('accepts the ordinary pattern %s', (source) => {
    expect(checkRegex(source)).toBeNull();
  });

  it.each([
    ['(a+)+', /nests a quantifier inside a repeated group \("\(a\+\)\+"\)/],
    ['(a*)*', /nests a quantifier/],
    ['(.*a){3}', /nests a quantifier/],
    ['(x+x+)+y', /nests a quantifier/],
    ['^(\\w+\\s?)*$', /nests a quantifier/],
    ['(a|ab)*', /repeats alternatives that can match the same text/],
    ['(\\w|\\d)+', /repeats alternatives/],
    ['(.|\\s)*', /repeats alternatives/],
    ['(a|)+', /repeats alternatives/],
    ['(a)\\1', /back-reference \(\\1\)/],
    ['(?<n>a)\\k<n>', /back-reference \(\\k<n>\)/],
    ['.*.*.*.*x', /4 unbounded quantifiers/],
    ['(', /does not compile/],
    ['[z-a]', /does not compile/],
  ])('rejects %s', (source, message) => {
    expect(checkRegex(source)).toMatch(message);
  });

  it('rejects a pattern longer than the bound, saying how long it is', () => {
    const long = 'a'.repeat(MAX_REGEX_LENGTH + 1);
    expect(checkRegex(long)).toBe(`is ${MAX_REGEX_LENGTH + 1} characters long; keep it to ${MAX_REGEX_LENGTH}`);
    expect(checkRegex('a'.repeat(MAX_REGEX_LENGTH))).toBeNull();
  });

  it('returns sentences, so a message reads "the regular expression …"', () => {
    expect(checkRegex('(a+)+')).toMatch(/^[a-z].*[a-z]$/);
  });
});
