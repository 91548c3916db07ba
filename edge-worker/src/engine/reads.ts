/**
 * Field values read once per evaluation: the rules of one decision read the same
 * few context fields over and over (`device.type`, `utm.source` …), and each
 * read walks own properties (two lookups a segment). Matchers compiled against
 * the same `Reads` share one value per dot path while an evaluation of a context
 * is open, so a decision reads each field once whatever the number of rules.
 */
import type { Matcher } from './types.ts';
import { compilePath, compilePathThen, pathParts, readParts } from './paths.ts';

/** The root of no evaluation: matches no context, so reads outside one are never cached. */
const NONE: unknown = Object.freeze({});

/** How `enter` started: give it back to `leave`. */
const JOINED = 0;
const STARTED = 1;
const NESTED = 2;

/** The field values of the context being evaluated, by path. */
export class Reads {
  /** The context being evaluated, or NONE. */
  ctx: unknown = NONE;
  /** Unique per evaluation: a value is current when its stamp is this. */
  epoch = 0;
  readonly stamps: number[] = [];
  readonly values: unknown[] = [];
  private readonly slots = new Map<string, number>();
  private readonly parts: (string[] | null)[] = [];
  private nextEpoch = 0;
  /** (ctx, epoch) of evaluations of another context that a nested one interrupted. */
  private readonly saved: unknown[] = [];

  /**
   * Opens an evaluation of `ctx`, or joins the one open on it. Values are only
   * shared inside one evaluation: a caller may change the context between two.
   */
  enter(ctx: unknown): number {
    if (ctx === this.ctx) return JOINED;
    const mode = this.ctx === NONE ? STARTED : NESTED;
    if (mode === NESTED) this.saved.push(this.ctx, this.epoch);
    this.ctx = ctx;
    this.epoch = ++this.nextEpoch;
    return mode;
  }

  /** Ends what `enter` started. An interrupted evaluation re-reads what the nested one overwrote. */
  leave(mode: number): void {
    if (mode === STARTED) this.ctx = NONE; // and keeps no visitor's context alive
    else if (mode === NESTED) {
      this.epoch = this.saved.pop() as number;
      this.ctx = this.saved.pop();
    }
  }

  /** The slot of a dot path, shared by every matcher that reads it. */
  slot(path: string): number {
    let i = this.slots.get(path);
    if (i === undefined) {
      i = this.parts.length;
      this.slots.set(path, i);
      this.parts.push(pathParts(path));
      this.stamps.push(-1);
      this.values.push(undefined);
    }
    return i;
  }

  /** Reads slot `i` of the open evaluation's context and keeps it for the evaluation. */
  fill(i: number): unknown {
    // Missing reads as null, like GrowthBook's getPath.
    const v = readParts(this.ctx, this.parts[i]!, null);
    this.values[i] = v;
    this.stamps[i] = this.epoch;
    return v;
  }
}

/**
 * `then(value at path)` like `compilePathThen(path, then, null)`, the value taken
 * from `reads` when the matcher is handed the context under evaluation.
 */
export function cachedPathThen<T>(reads: Reads, path: string, then: (value: unknown) => T): (obj: unknown) => T {
  const i = reads.slot(path);
  const read = compilePath(path, null);
  return (obj) => {
    // Another object (an `$elemMatch` element, no evaluation open) is read as it is.
    if (obj !== reads.ctx) return then(read(obj));
    return then(reads.stamps[i] === reads.epoch ? reads.values[i] : reads.fill(i));
  };
}

/**
 * `allOf(paths.map((p, k) => cachedPathThen(reads, p, tests[k])))` as one closure:
 * the fields are tested in order and the first that fails ends it.
 */
export function cachedAllOf(reads: Reads, paths: string[], tests: Matcher[]): Matcher {
  const slots = paths.map((p) => reads.slot(p));
  const direct = paths.map((p, k) => compilePathThen(p, tests[k]!, null));
  return (obj) => {
    if (obj !== reads.ctx) {
      for (let k = 0; k < direct.length; k++) if (!direct[k]!(obj)) return false;
      return true;
    }
    for (let k = 0; k < slots.length; k++) {
      const i = slots[k]!;
      if (!tests[k]!(reads.stamps[i] === reads.epoch ? reads.values[i] : reads.fill(i))) return false;
    }
    return true;
  };
}

/** The same for `anyOf`: the first field that holds ends it. */
export function cachedAnyOf(reads: Reads, paths: string[], tests: Matcher[]): Matcher {
  const slots = paths.map((p) => reads.slot(p));
  const direct = paths.map((p, k) => compilePathThen(p, tests[k]!, null));
  return (obj) => {
    if (obj !== reads.ctx) {
      for (let k = 0; k < direct.length; k++) if (direct[k]!(obj)) return true;
      return false;
    }
    for (let k = 0; k < slots.length; k++) {
      const i = slots[k]!;
      if (tests[k]!(reads.stamps[i] === reads.epoch ? reads.values[i] : reads.fill(i))) return true;
    }
    return false;
  };
}
