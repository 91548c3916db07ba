/**
 * The rule language in one place: what conditions, tokens and variant HTML may say.
 * Both the validator (rules/) and the engine (engine/) read it, and neither needs the other for it.
 */
export type { Condition } from './condition.ts';
export { FORBIDDEN_KEYS } from './forbidden-keys.ts';
export { ALLOWED_TAGS, DROPPED_TAGS, GLOBAL_ATTRS, isAllowedAttr, TAG_ATTRS, URL_ATTRS } from './html-policy.ts';
export { AUDIENCE_OPERATOR, GROUPS_FIELD, isKnownOperator, LOGICAL_OPERATORS, REGEX_OPERATORS, VALUE_OPERATORS } from './operators.ts';
export { unsafeScheme, unsafeSrcset } from './safe-url.ts';
export { STORED_FIELDS, type StoredField } from './stored-fields.ts';
export { contentTokenFields, hasTokens, TOKEN, tokenFields } from './tokens.ts';
