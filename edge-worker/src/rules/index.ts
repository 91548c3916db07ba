/** The rules file: schema, validation, sanitising and the last-good holder. */
export { rulesFileSchema } from './schema.ts';
export { rulesJsonSchema } from './json-schema.ts';
export { validateRules, formatIssues } from './validate.ts';
export { sanitiseHtml, sanitiseAttrs } from './sanitise.ts';
export { checkRegex } from './regex-safety.ts';
export { isKnownField, nearestField, DEVICE_TYPES, REFERRER_TYPES, DAYPARTS } from './fields.ts';
export { RulesHolder } from './load.ts';
export { prepareRules } from './prepare.ts';
export { rulesVersion } from './fingerprint.ts';
export type { SanitisedHtml, SanitisedAttrs } from './sanitise.ts';
export type { CurrentRules, RulesUpdate } from './load.ts';
