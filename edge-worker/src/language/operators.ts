/**
 * The condition language's operators (GrowthBook semantics), shared by the
 * compiler and the rules validator so both agree on what exists.
 */

/**
 * Operators that combine whole conditions. `$audience` (Kairos) holds when the
 * context matches every named audience: `{"$audience": "ski-fans"}`.
 */
export const LOGICAL_OPERATORS = ['$and', '$or', '$nor', '$not', '$audience'] as const;

/** Operators applied to one field's value. */
export const VALUE_OPERATORS = [
  '$eq', '$ne', '$lt', '$lte', '$gt', '$gte',
  '$veq', '$vne', '$vlt', '$vlte', '$vgt', '$vgte',
  '$in', '$nin', '$ini', '$nini', '$all', '$alli',
  '$exists', '$type', '$size', '$elemMatch', '$not',
  '$regex', '$regexi', '$notRegex', '$notRegexi',
  '$inGroup', '$notInGroup',
] as const;

/** Operators whose operand is a regular expression source. */
export const REGEX_OPERATORS = ['$regex', '$regexi', '$notRegex', '$notRegexi'] as const;

const known = new Set<string>([...LOGICAL_OPERATORS, ...VALUE_OPERATORS]);

/** True when `op` is an operator the engine understands. */
export function isKnownOperator(op: string): boolean {
  return known.has(op);
}

/** The Kairos shorthand for audience membership (see LOGICAL_OPERATORS). */
export const AUDIENCE_OPERATOR = '$audience';

/** The pseudo-field that resolves to the names of the audiences a context matches. */
export const GROUPS_FIELD = '$groups';
