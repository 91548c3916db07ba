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
    '(?<lang>en|de)/',
    '.*ski.*boots.*',
    // Linear in the matcher, so accepted although a backtracking engine explodes on them.
    '(a+)+',
    '(a|ab)*',
    '.*.*.*.*x',
    'a*a*a*b',
  ])('accepts the pattern %s', (source) => {
    expect(checkRegex(source)).toBeNull();
    expect(checkRegex(source, 'i')).toBeNull();
  });

  it.each([
    ['(a)\\1', /^uses a back-reference \(\\1\), which cannot be matched in linear time$/],
    ['(?<n>a)\\k<n>', /uses a named back-reference \(\\k\)/],
    ['(?=ski)s', /^uses a look-ahead \(\(\?=…\), which cannot be matched in linear time$/],
    ['ski(?!s)', /uses a look-ahead \(\(\?!…\)/],
    ['(?<=ski)s', /uses a look-behind \(\(\?<=…\)/],
    ['(?<!a)b', /uses a look-behind/],
    ['[\\1]', /uses a legacy octal escape \(\\1\)/],
    ['\\p{L}', /Unicode property escape \(\\p\)/],
    ['\\q', /unknown escape \\q; write the character without the backslash/],
    ['\\x4', /\\x without two hex digits/],
    ['\\u{41}', /\\u without four hex digits/],
    ['\\c1', /\\c without a control letter/],
    ['a{0,60}'.repeat(5), /too large to match in bounded time: it compiles to 601 instructions \(at most 200\)/],
    ['(a{1000}){1000}', /compiles to 1000001 instructions/],
    ['a{99999999999}', /compiles to over a billion instructions/],
    ['(', /does not compile/],
    ['[z-a]', /does not compile/],
  ])('refuses %s, naming the construct', (source, message) => {
    expect(checkRegex(source)).toMatch(message);
  });

  it('rejects a pattern longer than the bound, saying how long it is', () => {
    const long = 'a'.repeat(MAX_REGEX_LENGTH + 1);
    expect(checkRegex(long)).toBe(`is ${MAX_REGEX_LENGTH + 1} characters long; keep it to ${MAX_REGEX_LENGTH}`);
    expect(checkRegex('a'.repeat(MAX_REGEX_LENGTH - 5))).toBeNull();
  });

  it('returns sentences, so a message reads "the regular expression …"', () => {
    expect(checkRegex('(a)\\1')).toMatch(/^[a-z].*[a-z]$/);
  });
});
