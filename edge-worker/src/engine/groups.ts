/**
 * Audience membership for `$groups` and `$audience`: computed lazily, at most
 * once per audience and evaluation, and shared by every matcher compiled against
 * the same audiences record (so audiences that use audiences stay linear).
 */
import type { Matcher } from './types.ts';

/** Audience matchers being evaluated right now: a cycle reaching one again reads as "not a member". */
const running = new Set<unknown>();
/** Evaluation ids; float stamps stay exact far beyond any uptime. */
let nextEpoch = 0;

/** The evaluation state of one audiences record. */
export class AudienceSet {
  private readonly source: Record<string, Matcher>;
  // Resolved at first use: the record may still be filling while conditions compile.
  private names: string[] | null = null;
  private matchers: Matcher[] = [];
  private stamps = new Float64Array(0);
  private results = new Uint8Array(0);
  private groups: string[] = [];
  private groupsEpoch = -1;
  private ctx: unknown = undefined;
  private epoch = 0;
  private depth = 0;
  /** Saved (ctx, epoch, depth) of outer evaluations of another context; practically never used. */
  private readonly saved: unknown[] = [];

  constructor(source: Record<string, Matcher>) {
    this.source = source;
  }

  /** Starts (or joins, when nested on the same context) an evaluation; pass the result to `leave`. */
  enter(ctx: unknown): number {
    if (this.depth === 0) {
      this.ctx = ctx;
      this.epoch = ++nextEpoch;
      this.depth = 1;
      return 0;
    }
    if (ctx === this.ctx) {
      this.depth++;
      return 1;
    }
    this.saved.push(this.ctx, this.epoch, this.depth);
    this.ctx = ctx;
    this.epoch = ++nextEpoch;
    this.depth = 1;
    return 2;
  }

  /** Ends what `enter` started. */
  leave(mode: number): void {
    if (mode === 1) this.depth--;
    else if (mode === 0) {
      this.depth = 0;
      this.ctx = undefined; // do not keep the last visitor's context alive
    } else {
      this.depth = this.saved.pop() as number;
      this.epoch = this.saved.pop() as number;
      this.ctx = this.saved.pop();
    }
  }

  /** Index of an audience name, or -1 when unknown. */
  indexOf(name: string): number {
    return this.init().indexOf(name);
  }

  /** Whether the current context matches audience `i`. */
  matches(i: number): boolean {
    this.init();
    if (this.stamps[i] === this.epoch) return this.results[i] === 1;
    const m = this.matchers[i]!;
    let r = false;
    if (!running.has(m)) {
      running.add(m);
      try {
        r = m(this.ctx) === true;
      } catch {
        r = false;
      } finally {
        running.delete(m);
      }
    }
    this.stamps[i] = this.epoch;
    this.results[i] = r ? 1 : 0;
    return r;
  }

  /** Names of the audiences the current context matches, in declaration order. */
  current(): string[] {
    if (this.groupsEpoch === this.epoch) return this.groups;
    const names = this.init();
    const out: string[] = [];
    for (let i = 0; i < names.length; i++) if (this.matches(i)) out.push(names[i]!);
    this.groups = out;
    this.groupsEpoch = this.epoch;
    return out;
  }

  private init(): string[] {
    if (this.names) return this.names;
    const names = Object.keys(this.source);
    this.matchers = names.map((n) => this.source[n]!);
    this.stamps = new Float64Array(names.length);
    this.results = new Uint8Array(names.length);
    this.names = names;
    return names;
  }
}

const sets = new WeakMap<object, AudienceSet>();

/** The shared evaluation state of an audiences record. */
export function audienceSet(audiences: Record<string, Matcher>): AudienceSet {
  let set = sets.get(audiences);
  if (!set) {
    set = new AudienceSet(audiences);
    sets.set(audiences, set);
  }
  return set;
}
