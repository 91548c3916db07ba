/**
 * A request specification as plain data: one table per request body drives its
 * validation, the wording of its errors, its bounds and its JSON Schema.
 */

/** Words that replace a check's default wording (each completes "<field> …"). */
export interface Wording {
  type?: string;
  min?: string;
  max?: string;
}

export type Spec =
  | { kind: 'string'; min: number; max: number; pattern?: { re: RegExp; words: string } }
  | { kind: 'number'; min: number; max: number; integer?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'list'; item: Spec; min: number; max: number; unique?: boolean; words?: Wording }
  /** An object with free keys: each key a string of at most `keyMax`, each value `value`. */
  | { kind: 'record'; value: Spec; keyMax: number; keyMin: number; max: number; words?: Wording }
  /** Fixed fields; unknown keys are refused when `strict`, dropped otherwise. */
  | { kind: 'object'; fields: Record<string, Field>; strict: boolean };

export interface Field {
  spec: Spec;
  required: boolean;
}

/** One problem found: where, and a sentence that completes "<field> …". */
export interface SpecIssue {
  path: (string | number)[];
  message: string;
  /** The value refused, quoted back in the error; absent for missing and unknown fields. */
  value?: unknown;
  /** The message stands alone: no ", got …" after it. */
  bare?: boolean;
}
