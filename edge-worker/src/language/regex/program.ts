/**
 * A compiled pattern: a Thompson NFA as flat instruction arrays, run by the
 * Pike VM in run.ts. Its size (the instruction count) bounds the matcher's
 * work: at most one visit per instruction per input position.
 */
import type { CharSet } from './char-set.ts';

/**
 * Most instructions in one program. The matcher visits each at most once per input
 * position, so a test on a string of n units costs at most this × (n + 1) steps.
 */
export const MAX_PROGRAM = 200;

/** Consume the code unit `arg`. */
export const CHAR = 0;
/** Consume a code unit in `sets[arg]`. */
export const SET = 1;
/** Go on at `arg` and at `alt`. */
export const SPLIT = 2;
/** Go on at `arg`. */
export const JUMP = 3;
/** `^`: only at position 0. */
export const START = 4;
/** `$`: only at the end of the input. */
export const END = 5;
/** `\b` */
export const BOUNDARY = 6;
/** `\B` */
export const NOT_BOUNDARY = 7;
/** A match is found. */
export const MATCH = 8;

/** Membership test of a set, with a table for ASCII (the common case). */
export interface SetTest {
  /** 1 when the ASCII unit is in the set. */
  readonly ascii: Uint8Array;
  /** The set's ranges above ASCII. */
  readonly high: CharSet;
}

/** A compiled pattern. */
export interface Program {
  /** Number of instructions. */
  readonly size: number;
  readonly op: Uint8Array;
  /** Char: the code unit; Set: the set's index; Split and Jump: the target. */
  readonly arg: Int32Array;
  /** Second target of a Split. */
  readonly alt: Int32Array;
  /** The ASCII tables of every set, 128 entries each, in set order (1 = member). */
  readonly ascii: Uint8Array;
  /** Each set's ranges above ASCII. */
  readonly high: readonly CharSet[];
  /** Every match starts at position 0 (`^…`). */
  readonly anchored: boolean;
  /**
   * The code units a match can start with, when a match always starts by consuming one
   * (no assertion, no empty match first): positions with another unit are skipped.
   */
  readonly first: SetTest | null;
  /** The one code unit every match starts with, if there is one (found with indexOf). */
  readonly firstUnit: string | null;
}
