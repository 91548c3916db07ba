/**
 * Refuses regular expressions that could make matching slow (ReDoS): a rule's
 * `$regex` runs on visitor-controlled text (a UTM term, a referrer) at every
 * decision, inside a latency budget. The check is conservative: it rejects
 * every shape that can backtrack catastrophically, and with it a few harmless
 * ones, which are easy to rewrite.
 */
import { parseRegex, type RegexNode } from './regex-parse.ts';

/** Longest accepted pattern source. @default 200 */
export const MAX_REGEX_LENGTH = 200;
/** Most unbounded quantifiers (`*`, `+`, `{n,}`) in one pattern: k of them can cost O(n^k). */
export const MAX_UNBOUNDED = 3;

/**
 * Null when `source` is a safe pattern, otherwise a sentence naming the problem
 * (to follow "the regular expression …").
 * @example checkRegex('(ski|snow)board') // null
 * @example checkRegex('(a+)+') // 'nests a quantifier inside a repeated group ("(a+)+") …'
 */
export function checkRegex(source: string): string | null {
  if (source.length > MAX_REGEX_LENGTH) {
    return `is ${source.length} characters long; keep it to ${MAX_REGEX_LENGTH}`;
  }
  try {
    new RegExp(source);
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  const nodes = allNodes(parseRegex(source));
  const quote = (n: RegexNode): string => JSON.stringify(source.slice(n.from, n.to));

  const backref = nodes.find((n) => n.kind === 'backref');
  if (backref) return `uses a back-reference (${source.slice(backref.from, backref.to)}), which is not allowed: it can make matching very slow`;

  for (const n of nodes) {
    if (n.kind !== 'repeat' || n.max <= 1) continue;
    const inner = allNodes(n.body).find((m) => m.kind === 'repeat' && m.min !== m.max);
    if (inner) return `nests a quantifier inside a repeated group (${quote(n)}), which can backtrack catastrophically; repeat only once`;
    const alt = allNodes(n.body).find((m) => m.kind === 'alt' && overlaps(m.branches, source));
    if (alt) return `repeats alternatives that can match the same text (${quote(n)}), which can backtrack catastrophically; make the alternatives start differently`;
  }

  const unbounded = nodes.filter((n) => n.kind === 'repeat' && n.max === Infinity).length;
  if (unbounded > MAX_UNBOUNDED) return `has ${unbounded} unbounded quantifiers (*, +, {n,}); use at most ${MAX_UNBOUNDED}`;
  return null;
}

function allNodes(node: RegexNode, out: RegexNode[] = []): RegexNode[] {
  out.push(node);
  if (node.kind === 'seq') for (const item of node.items) allNodes(item, out);
  else if (node.kind === 'alt') for (const b of node.branches) allNodes(b, out);
  else if (node.kind === 'group' || node.kind === 'repeat') allNodes(node.body, out);
  return out;
}

/** Characters probed to compare what atoms can match: ASCII plus a few non-ASCII samples. */
const PROBES = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), 'é', 'ß', 'α', 'я', '中', '\u00a0', '\u2028'];

interface First {
  chars: Set<string>;
  /** The node can match the empty string. */
  nullable: boolean;
}

function first(node: RegexNode, source: string): First {
  switch (node.kind) {
    case 'atom': {
      const re = new RegExp(`^(?:${source.slice(node.from, node.to)})`, 'i');
      return { chars: new Set(PROBES.filter((c) => re.test(c))), nullable: false };
    }
    case 'group':
      return node.lookaround ? { chars: new Set(), nullable: true } : first(node.body, source);
    case 'repeat': {
      const body = first(node.body, source);
      return { chars: body.chars, nullable: body.nullable || node.min === 0 };
    }
    case 'alt':
    case 'seq': {
      const chars = new Set<string>();
      const parts = node.kind === 'alt' ? node.branches : node.items;
      let nullable = node.kind === 'seq';
      for (const part of parts) {
        const f = first(part, source);
        for (const c of f.chars) chars.add(c);
        if (node.kind === 'alt') nullable ||= f.nullable;
        else if (!f.nullable) return { chars, nullable: false };
      }
      return { chars, nullable };
    }
    default:
      return { chars: new Set(), nullable: true };
  }
}

/** The branch's text when it is only literal characters (`ski`), else undefined. */
function literalText(node: RegexNode): string | undefined {
  if (node.kind === 'atom') return node.literal?.toLowerCase();
  if (node.kind !== 'seq') return undefined;
  let text = '';
  for (const item of node.items) {
    if (item.kind !== 'atom' || item.literal === undefined) return undefined;
    text += item.literal.toLowerCase();
  }
  return text;
}

/** Whether two alternatives can start matching the same text, so a repeat may try both. */
function overlaps(branches: RegexNode[], source: string): boolean {
  const info = branches.map((b) => ({ first: first(b, source), text: literalText(b) }));
  for (let i = 0; i < info.length; i++) {
    for (let j = i + 1; j < info.length; j++) {
      const a = info[i]!;
      const b = info[j]!;
      if (a.first.nullable || b.first.nullable) return true;
      // Two plain words diverge at their first differing character unless one is a prefix of the other.
      if (a.text !== undefined && b.text !== undefined) {
        if (a.text.startsWith(b.text) || b.text.startsWith(a.text)) return true;
        continue;
      }
      for (const c of a.first.chars) if (b.first.chars.has(c)) return true;
    }
  }
  return false;
}
