/**
 * fast-check generators for the regex tests: patterns built from the supported
 * syntax (and some that is not), raw character soup that stresses the parser's
 * corners, and inputs over an alphabet where case folding and classes differ.
 */
import fc from 'fast-check';

/** Units where `i`, `\w`, `\s`, `.` and `\b` disagree with naive expectations. */
export const ALPHABET = [
  'a', 'b', 'c', 'A', 'B', 'k', 'K', 's', 'S', '0', '7', '_', '-', ' ', '\n', '\t', '/', '.', '=',
  'é', 'É', 'ſ', '\u212a', 'σ', 'ς', 'Σ', 'ß', 'ı', 'İ', '\u00a0', '\u2028', '\ud83d', '\ude00',
];

const atoms = fc.constantFrom(
  'a', 'b', 'A', 'k', 's', 'S', '-', '_', ' ', 'é', 'Σ', 'ß', 'ſ', '\u212a', '\\.', '\\-', '\\/', '\\u00e9', '\\x41', '\\n', '\\cJ', '\\0',
  '.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '[ab]', '[^a]', '[a-c]', '[^a-zA-Z]', '[\\d-z]', '[\\s\\S]', '[k-s]',
  '[\\W]', '[σ-ω]', '[]', '[^]', '[-a]', '[a-]', '[\\b]', '{', '}', ']', 'a{,2}', '^', '$', '\\b', '\\B',
);

const quantifiers = fc.constantFrom('*', '+', '?', '*?', '+?', '??', '{2}', '{0,3}', '{1,}', '{2,3}?', '{0}', '{1,1}');

/** Patterns in (mostly) the supported subset, a few levels deep. */
export const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atoms,
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
    fc.tuple(tie('node'), tie('node'), tie('node')).map(([a, b, c]) => a + b + c),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a}|${b}`),
    fc.tuple(tie('node'), quantifiers).map(([a, q]) => `(?:${a})${q}`),
    fc.tuple(atoms, quantifiers).map(([a, q]) => a + q),
    tie('node').map((a) => `(${a})`),
  ),
})).node;

/** Raw text made of regex syntax: most of it does not compile, the rest probes the parser. */
export const soup = fc.string({
  unit: fc.constantFrom('a', 'b', '(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', '\\', '.', '-', ',', '0', '1', '2', 'd', 'w', 's', 'b', 'B', 'c', 'x', 'u', 'k', ':', '=', '!', '<', '>', 'é'),
  maxLength: 12,
});

/** Short inputs over {@link ALPHABET}. */
export const input = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 10 });
