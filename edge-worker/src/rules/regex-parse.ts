/**
 * A small parser for JavaScript regular expression sources (without flags, as
 * GrowthBook compiles them), just detailed enough for the safety check: groups,
 * alternation, quantifiers and single-character atoms. The source must already
 * compile; anything this parser does not model is kept as an opaque atom.
 */

/** A parsed piece of a pattern; `from`/`to` index the source, for quoting it in messages. */
export type RegexNode =
  | { kind: 'atom'; from: number; to: number; literal?: string }
  | { kind: 'assert'; from: number; to: number }
  | { kind: 'seq'; from: number; to: number; items: RegexNode[] }
  | { kind: 'alt'; from: number; to: number; branches: RegexNode[] }
  | { kind: 'group'; from: number; to: number; body: RegexNode; lookaround: boolean }
  | { kind: 'repeat'; from: number; to: number; body: RegexNode; min: number; max: number }
  | { kind: 'backref'; from: number; to: number };

const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;
const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** Parses `source` into a tree. */
export function parseRegex(source: string): RegexNode {
  let i = 0;

  function alternation(): RegexNode {
    const from = i;
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', from, to: i, branches };
  }

  function sequence(): RegexNode {
    const from = i;
    const items: RegexNode[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(quantified(term()));
    return { kind: 'seq', from, to: i, items };
  }

  function quantified(node: RegexNode): RegexNode {
    const c = source[i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      i++;
    } else {
      const m = c === '{' ? QUANTIFIER.exec(source.slice(i)) : null;
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length;
    }
    if (source[i] === '?') i++; // lazy: same backtracking, other order
    return quantified({ kind: 'repeat', from: node.from, to: i, body: node, min, max });
  }

  function term(): RegexNode {
    const from = i;
    const c = source[i]!;
    if (c === '(') return group(from);
    if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'atom', from, to: i };
    }
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'assert', from, to: i };
    }
    if (c === '\\') return escape(from);
    i++;
    return { kind: 'atom', from, to: i, ...(c === '.' || SPECIAL.has(c) ? {} : { literal: c }) };
  }

  function group(from: number): RegexNode {
    i++;
    let lookaround = false;
    if (source[i] === '?') {
      const head = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(source.slice(i))?.[0] ?? '?';
      lookaround = head === '?=' || head === '?!' || head === '?<=' || head === '?<!';
      i += head.length;
    }
    const body = alternation();
    i++; // the closing parenthesis
    return { kind: 'group', from, to: i, body, lookaround };
  }

  function escape(from: number): RegexNode {
    const next = source[i + 1] ?? '';
    i += 2;
    if (/[1-9]/.test(next) || (next === 'k' && source[i] === '<')) {
      if (next === 'k') i = source.indexOf('>', i) + 1 || source.length;
      else while (/[0-9]/.test(source[i] ?? '')) i++;
      return { kind: 'backref', from, to: i };
    }
    if (next === 'b' || next === 'B') return { kind: 'assert', from, to: i };
    if (next === 'x') i += /^[0-9a-fA-F]{2}/.test(source.slice(i)) ? 2 : 0;
    else if (next === 'u') i += /^[0-9a-fA-F]{4}/.test(source.slice(i)) ? 4 : 0;
    else if (next === 'c' && /[A-Za-z]/.test(source[i] ?? '')) i++;
    // `\.` or `\-` stand for themselves; letters are classes (`\d`) or control escapes.
    return { kind: 'atom', from, to: i, ...(/[^A-Za-z0-9]/.test(next) ? { literal: next } : {}) };
  }

  return alternation();
}
