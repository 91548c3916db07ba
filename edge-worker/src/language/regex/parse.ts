/**
 * Parses a JavaScript regular expression source (no `u` flag, as GrowthBook
 * compiles rules' patterns) into the linear-time subset Kairos matches. The
 * source is expected to compile as a native RegExp already; whatever this
 * parser does not model exactly is refused with a sentence naming it, never
 * guessed: look-around, back-references, legacy octal and other Annex B
 * escapes, group modifiers, Unicode property escapes.
 */
import type { Assertion, RegexAst } from './ast.ts';
import { foldSet } from './case-fold.ts';
import { complement, DIGIT, DOT, normalise, single, SPACE, WORD, type CharSet } from './char-set.ts';
import { RegexRefusal } from './refusal.ts';

const BRACES = /^\{(\d+)(?:(,)(\d*))?\}/;
const HEX2 = /^[0-9a-fA-F]{2}/;
const HEX4 = /^[0-9a-fA-F]{4}/;
const CONTROL: Record<string, number> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE),
};
const NOT_LINEAR = 'which cannot be matched in linear time';

/**
 * The parsed pattern; `ignoreCase` (the `i` flag) folds every set.
 * @throws {RegexRefusal} for a construct outside the supported subset
 */
export function parsePattern(source: string, ignoreCase: boolean): RegexAst {
  let i = 0;
  const refuse = (why: string): never => {
    throw new RegexRefusal(why);
  };
  const fold = (set: CharSet): CharSet => (ignoreCase ? foldSet(set) : set);

  function disjunction(): RegexAst {
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  function sequence(): RegexAst {
    const items: RegexAst[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(term());
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  /** `[min, max]` of a quantifier at `i` (consumed, with a lazy `?`), or null. */
  function quantifier(): [number, number] | null {
    const c = source[i];
    let q: [number, number];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else {
      const m = c === '{' ? BRACES.exec(source.slice(i)) : null;
      if (!m) return null;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
      if (q[1] < q[0]) refuse(`has a repeat with its numbers out of order (${m[0]})`);
      i += m[0].length - 1;
    }
    i++;
    if (source[i] === '?') i++; // lazy: another order of trying, the same answer for a test
    return q;
  }

  function term(): RegexAst {
    const at = i;
    const atom = primary();
    const q = quantifier();
    if (!q) return atom;
    if (atom.kind === 'assert') refuse(`repeats an assertion (${source.slice(at, i)})`);
    if (quantifier()) refuse(`has two quantifiers in a row (${source.slice(at, i)})`);
    return { kind: 'repeat', body: atom, min: q[0], max: q[1] };
  }

  function primary(): RegexAst {
    const c = source[i]!;
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'assert', test: c === '^' ? 'start' : 'end' };
    }
    if (c === '(') return group();
    if (c === '[') return { kind: 'set', set: charClass() };
    if (c === '.') {
      i++;
      return { kind: 'set', set: fold(DOT) };
    }
    if (c === '\\') {
      const e = escape(false);
      if (typeof e === 'string') return { kind: 'assert', test: e };
      return { kind: 'set', set: fold(typeof e === 'number' ? single(e) : e) };
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && BRACES.test(source.slice(i)))) {
      refuse(`has a quantifier with nothing to repeat (at ${JSON.stringify(source.slice(i, i + 3))})`);
    }
    i++;
    return { kind: 'set', set: fold(single(c.charCodeAt(0))) };
  }

  function group(): RegexAst {
    const rest = source.slice(i, i + 4);
    if (rest.startsWith('(?=') || rest.startsWith('(?!')) refuse(`uses a look-ahead (${rest.slice(0, 3)}…), ${NOT_LINEAR}`);
    if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) refuse(`uses a look-behind (${rest}…), ${NOT_LINEAR}`);
    if (rest.startsWith('(?:')) i += 3;
    else if (rest.startsWith('(?<')) {
      const close = source.indexOf('>', i);
      if (close < 0) refuse('has an unfinished group name');
      i = close + 1; // a named group: names only matter to back-references, which are refused
    } else if (rest.startsWith('(?')) refuse(`uses the group syntax ${JSON.stringify(rest.slice(0, 3))}, which is not supported; use (…) or (?:…)`);
    else i++;
    const body = disjunction();
    if (source[i] !== ')') refuse('has a group that is not closed');
    i++;
    return body;
  }

  function charClass(): CharSet {
    i++;
    const negated = source[i] === '^';
    if (negated) i++;
    const parts: number[] = [];
    const add = (a: number | CharSet): void => void (typeof a === 'number' ? parts.push(a, a) : parts.push(...a));
    for (;;) {
      if (i >= source.length) refuse('has a character class that is not closed');
      if (source[i] === ']') break;
      const a = classAtom();
      if (source[i] === '-' && i + 1 < source.length && source[i + 1] !== ']') {
        i++;
        const b = classAtom();
        // `[\d-z]`: a class escape cannot bound a range, so the dash is itself (Annex B).
        if (typeof a !== 'number' || typeof b !== 'number') [a, 0x2d, b].forEach(add);
        else if (a > b) refuse(`has a character range out of order (${String.fromCharCode(a)}-${String.fromCharCode(b)})`);
        else parts.push(a, b);
      } else add(a);
    }
    i++;
    const set = fold(normalise(parts));
    return negated ? complement(set) : set;
  }

  function classAtom(): number | CharSet {
    if (source[i] !== '\\') return source.charCodeAt(i++);
    const e = escape(true);
    if (typeof e === 'string') return refuse('uses an assertion inside a character class');
    return e;
  }

  /** The escape at `i`: a code unit, a class (`\d`), or an assertion (`\b`) outside classes. */
  function escape(inClass: boolean): number | CharSet | Assertion {
    const from = i;
    const c = source[i + 1];
    const text = source.slice(i, i + 2);
    i += 2;
    if (c === undefined) return refuse('ends with a lone backslash');
    const cls = CLASS_ESCAPES[c];
    if (cls) return cls;
    const control = CONTROL[c];
    if (control !== undefined) return control;
    if (c === 'b') return inClass ? 0x08 : 'boundary';
    if (c === 'B' && !inClass) return 'not-boundary';
    if (c === 'c') {
      const letter = source[i] ?? '';
      if (!/^[A-Za-z]$/.test(letter)) refuse('uses \\c without a control letter after it');
      i++;
      return letter.charCodeAt(0) % 32;
    }
    if (c === '0' && !/^[0-9]$/.test(source[i] ?? '')) return 0;
    if (/^[0-9]$/.test(c)) {
      while (/^[0-9]$/.test(source[i] ?? '')) i++;
      const seq = source.slice(from, i);
      return refuse(inClass || c === '0'
        ? `uses a legacy octal escape (${seq}); write \\x.. or \\u.... instead`
        : `uses a back-reference (${seq}), ${NOT_LINEAR}`);
    }
    if (c === 'x' || c === 'u') {
      const digits = (c === 'x' ? HEX2 : HEX4).exec(source.slice(i))?.[0];
      if (!digits) refuse(`uses ${text} without ${c === 'x' ? 'two' : 'four'} hex digits after it`);
      i += digits!.length;
      return parseInt(digits!, 16);
    }
    if (c === 'k') return refuse(`uses a named back-reference (\\k), ${NOT_LINEAR}`);
    if (c === 'p' || c === 'P') return refuse(`uses a Unicode property escape (${text}), which needs the u flag; rules' patterns have none`);
    if (/^[A-Za-z0-9]$/.test(c)) return refuse(`uses the unknown escape ${text}; write the character without the backslash`);
    return c.charCodeAt(0);
  }

  const ast = disjunction();
  if (i < source.length) refuse(`has an unmatched ")" at position ${i}`);
  return ast;
}
