/** Top-level context fields that hold stored behaviour: rules reading them need personalization consent. */
export type StoredField = 'visitor' | 'views' | 'interests' | 'conversions';

/** The stored-behaviour fields, for checks at compile time. */
export const STORED_FIELDS: readonly StoredField[] = ['visitor', 'views', 'interests', 'conversions'];
