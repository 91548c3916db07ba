/**
 * Differential test: random conditions (malformed ones included) evaluated by
 * Kairos and by GrowthBook's own `evalCondition` must agree, GrowthBook's throws
 * counting as `false`. Seeded, so a failure is reproducible.
 */
import { evalCondition as growthbook } from '@growthbook/growthbook';
import { expect, it } from 'vitest';
import type { Condition } from '../language/condition.ts';
import { compileCondition, evalCondition } from './conditions.ts';
import { Reads } from './reads.ts';

let seed = 20_260_801;
/** A small LCG: deterministic across runs and runtimes. */
const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const times = <T>(max: number, make: () => T): T[] => Array.from({ length: Math.floor(random() * (max + 1)) }, make);

const FIELDS = ['a', 'b', 'a.x', 'tags', 'n', 'v', 'o'];
const STRINGS = ['a', 'A', 'b', '1', '8', '1.2.3', 'v1.2.3-beta', '', 'null', 'true', '^a', '(', 'x.y'];
const OPERATORS = [
  '$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$veq', '$vne', '$vlt', '$vlte', '$vgt', '$vgte', '$in', '$nin',
  '$ini', '$nini', '$all', '$alli', '$exists', '$type', '$size', '$elemMatch', '$not', '$regex', '$regexi',
  '$inGroup', '$notInGroup', '$unknown',
];
const MALFORMED: unknown[] = [{}, 'ab', 5, null, [], [null], [5], ['a'], [[{ a: 1 }]], true];

function primitive(): unknown {
  const r = random();
  return r < 0.4 ? pick(STRINGS) : r < 0.7 ? pick([0, 1, 2, 8, -1, 1.5]) : r < 0.85 ? random() < 0.5 : null;
}

function value(depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.4) return primitive();
  if (r < 0.6) return times(2, () => value(depth - 1));
  if (r < 0.75) return { x: value(depth - 1) };
  return operators(depth - 1);
}

function operand(op: string, depth: number): unknown {
  switch (op) {
    case '$type': return pick(['string', 'number', 'null', 'array', 'object', 'boolean', 'undefined']);
    // GrowthBook caches regexes by `${operand}`, so a non-string operand can hit another pattern's entry.
    case '$regex': case '$regexi': return pick(STRINGS);
    case '$inGroup': case '$notInGroup': return pick(['members', 'empty', 'unknown']);
    case '$elemMatch': return random() < 0.2 ? pick(MALFORMED) : random() < 0.5 ? condition(depth) : value(depth);
    default: return value(depth);
  }
}

function operators(depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const op of times(2, () => pick(OPERATORS))) out[op] = operand(op, depth);
  return out;
}

function condition(depth: number): Condition {
  const out: Condition = {};
  for (let i = Math.floor(random() * 3); i > 0; i--) {
    const r = random();
    if (depth > 0 && r < 0.05) out[pick(['$and', '$or', '$nor', '$not'])] = pick(MALFORMED);
    else if (depth > 0 && r < 0.2) out[pick(['$and', '$or', '$nor'])] = times(2, () => condition(depth - 1));
    else if (depth > 0 && r < 0.3) out.$not = condition(depth - 1);
    else out[pick(FIELDS)] = value(depth);
  }
  return out;
}

function attributes(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ['a', 'b', 'tags', 'n', 'v', 'o']) if (random() < 0.7) out[f] = value(2);
  return out;
}

it('agrees with GrowthBook on 20 000 random conditions', () => {
  const groups = { members: [1, 'a', 'b'], empty: [] };
  const quiet = console.error;
  console.error = () => {}; // GrowthBook logs unknown operators
  const disagreements: string[] = [];
  try {
    for (let i = 0; i < 20_000 && disagreements.length < 5; i++) {
      const cond = condition(3);
      const attrs = attributes();
      let expected: boolean;
      try {
        expected = growthbook(attrs as never, cond as never, groups as never);
      } catch {
        expected = false;
      }
      if (evalCondition(attrs, cond, groups) !== expected) {
        disagreements.push(`${JSON.stringify(cond)} on ${JSON.stringify(attrs)}: GrowthBook ${expected}`);
      }
    }
  } finally {
    console.error = quiet;
  }
  expect(disagreements).toEqual([]);
});

it('agrees with GrowthBook when matchers share field reads, as in a decision', () => {
  const groups = { members: [1, 'a', 'b'], empty: [] };
  const quiet = console.error;
  console.error = () => {};
  const disagreements: string[] = [];
  try {
    // Several conditions per context, compiled against one Reads and evaluated in one
    // evaluation (guarded and unguarded), then again outside any evaluation.
    for (let i = 0; i < 4_000 && disagreements.length < 5; i++) {
      const reads = new Reads();
      const attrs = attributes();
      const conds = Array.from({ length: 5 }, () => condition(3));
      const matchers = conds.map((c) => compileCondition(c, { savedGroups: groups, reads }));
      const expected = conds.map((c) => {
        try {
          return growthbook(attrs as never, c as never, groups as never);
        } catch {
          return false;
        }
      });
      const check = (how: string, k: number, got: boolean): void => {
        if (got !== expected[k]) disagreements.push(`${how} ${JSON.stringify(conds[k])} on ${JSON.stringify(attrs)}: GrowthBook ${expected[k]}`);
      };
      const mode = reads.enter(attrs);
      matchers.forEach((m, k) => check('shared', k, m(attrs)));
      reads.leave(mode);
      matchers.forEach((m, k) => check('outside', k, m(attrs)));
    }
  } finally {
    console.error = quiet;
  }
  expect(disagreements).toEqual([]);
});
