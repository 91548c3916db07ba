/**
 * The rules file's structure as a valibot schema (PRODUCT.md "Rules file"). It
 * checks shapes only; meaning (operators, fields, audiences, regexes, HTML) is
 * checked by `validate.ts`. The same schema generates `rules.schema.json` for
 * editor completion, so descriptions here are what site owners see as help.
 */
import * as v from 'valibot';
import type { Condition } from './types.ts';
import { isPlainObject } from './issues.ts';

/** Lower-case letters and digits joined by `-` or `_`: safe in HTML attributes, URLs and reason ids. */
export const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
/** An ISO 8601 instant with an explicit zone, so a schedule means the same everywhere. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const SLUG_MESSAGE = 'must be a slug: lower-case letters and digits joined by - or _ (like "home-hero")';

const slug = (help: string) => v.pipe(v.string(), v.regex(SLUG, SLUG_MESSAGE), v.description(help));
const key = v.pipe(v.string(), v.regex(SLUG, SLUG_MESSAGE));

/** A JSON object with keys checked by `keySchema`; valibot's record alone would also take an array. */
const objectOf = <TKey extends v.GenericSchema<string, string>, TValue extends v.GenericSchema>(keySchema: TKey, value: TValue, help: string) =>
  v.pipe(v.custom<Record<string, unknown>>(isPlainObject, 'must be an object ({…})'), v.record(keySchema, value), v.description(help));

/**
 * An object with exactly these keys. valibot's strictObject alone takes an array too:
 * `"cap": []` would pass as `{}`, and `"cap": [1]` would fail on key "0" with no
 * message anyone reports.
 */
const strictObjectOf = <TEntries extends v.ObjectEntries>(entries: TEntries) =>
  v.pipe(v.custom<Record<string, unknown>>(isPlainObject, 'must be an object ({…})'), v.strictObject(entries));

const instant = (help: string) =>
  v.pipe(v.string(), v.regex(INSTANT, 'must be an ISO 8601 instant with a time zone, like 2026-12-01T00:00:00Z'), v.description(help));

/** A goal name or a context field: a non-empty string of at most 100 characters. */
const name = v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(100, 'must be at most 100 characters'));

const positiveInteger = (help: string) =>
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.description(help));

/** Whether `value` is an origin (scheme and host, optional port) and nothing more. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const origin = v.pipe(
  v.string(),
  v.check(isOrigin, (issue) => {
    let hint = '';
    try {
      hint = `; write ${new URL(String(issue.input)).origin}`;
    } catch {
      // not a URL at all: the general advice is all we can say
    }
    return `must be an http(s) origin: scheme and host, no path or trailing slash (like https://shop.example)${hint}`;
  }),
  v.metadata({ pattern: '^https?://[^/?#]+$' }),
  v.description('A site origin allowed to call the edge (CORS), like https://shop.example.'),
);

/** A MongoDB-style condition; its operators and fields are checked by the validator. */
export const conditionSchema = v.pipe(
  v.custom<Condition>(isPlainObject, 'must be a condition object, like {"device.type": "mobile"}'),
  v.description('A MongoDB-style condition on the context document (GrowthBook semantics), like {"device.type": "mobile"}.'),
);

const listAudience = v.pipe(
  v.array(v.union([v.string(), v.number(), v.boolean()], 'must be a string, a number or a boolean')),
  v.description('A list of values, matched with {"field": {"$inGroup": "name"}}.'),
);

const variant = strictObjectOf({
  id: slug('Variant id, unique within its rule; used by ?kairos_preview=slot:variant and in reports.'),
  weight: v.optional(
    v.pipe(v.number(), v.finite('must be a finite number'), v.gtValue(0, 'must be greater than 0'),
      v.description('Relative weight of this variant in the split (default 1).')),
  ),
  text: v.optional(v.pipe(v.string(), v.description('Plain text content; may contain {{dot.path}} tokens.'))),
  html: v.optional(
    v.pipe(v.string(), v.description('HTML content, sanitised to an allow-list (no scripts, no event handlers, no javascript: URLs); may contain tokens.')),
  ),
  attrs: v.optional(objectOf(v.string(), v.string(), 'Attributes set on the slot element itself (allow-listed names, like href, src, class).')),
});

const rule = strictObjectOf({
  id: slug('Rule id, unique within its slot.'),
  when: v.optional(conditionSchema),
  variants: v.pipe(v.array(variant), v.nonEmpty('needs at least one variant'), v.description('The content variants this rule splits between.')),
  cap: v.optional(
    v.pipe(
      strictObjectOf({
        perVisitor: v.optional(positiveInteger('Most exposures of this rule for one visitor (needs personalization consent).')),
        perSession: v.optional(positiveInteger('Most exposures of this rule in one session.')),
      }),
      v.description('Frequency caps: once reached, the slot keeps its default content.'),
    ),
  ),
  learn: v.optional(
    v.pipe(
      v.picklist(['fixed', 'bandit'], 'must be "fixed" or "bandit"'),
      v.description('"bandit": outcomes re-weight the variants; "fixed" (default): weights stay as written.'),
    ),
  ),
  goal: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(100, 'must be at most 100 characters'), v.description('The conversion goal (data-kairos-goal) that counts as this rule\'s success.'))),
  segment: v.optional(
    v.pipe(
      v.array(name),
      v.maxLength(4, 'must name at most 4 fields'),
      v.description('Bandit: the context fields it learns separately per combination of (e.g. ["device.type", "geo.country"]); [] learns one split for everyone. Default ["device.type", "time.daypart", "referrer.type"].'),
    ),
  ),
  stickyDays: v.optional(
    v.pipe(v.number(), v.integer('must be a whole number of days'), v.minValue(0, 'must be at least 0'), v.maxValue(365, 'must be at most 365'),
      v.description('Bandit: days a visitor keeps the variant first shown to them while the weights move (needs personalization consent). Default 7; 0 turns it off.')),
  ),
  schedule: v.optional(
    v.pipe(
      strictObjectOf({
        start: v.optional(instant('The rule applies from this instant on.')),
        end: v.optional(instant('The rule stops applying at this instant.')),
      }),
      v.description('When the rule applies; open-ended on a side that is left out.'),
    ),
  ),
});

const slot = strictObjectOf({
  rules: v.pipe(v.array(rule), v.nonEmpty('needs at least one rule'), v.description('Tried in order: the first matching rule wins.')),
});

/** The whole rules file. Unknown keys are errors, so typos cannot pass silently. */
export const rulesFileSchema = v.strictObject({
  $schema: v.optional(v.pipe(v.string(), v.description('The JSON Schema of this file, for editor completion.'))),
  site: slug('Site id, as in the script tag\'s data-site.'),
  origins: v.optional(v.pipe(v.array(origin), v.description('Origins of the site\'s pages, allowed to call the edge.'))),
  holdout: v.optional(
    v.pipe(v.number(), v.minValue(0, 'must be at least 0'), v.ltValue(1, 'must be less than 1 (a share: 0.05 keeps 5 % of visitors on default content)'),
      v.description('Share of visitors (0 to below 1) kept on default content everywhere, to measure lift. Default 0.')),
  ),
  audiences: v.optional(
    objectOf(key, v.union([conditionSchema, listAudience], 'must be a condition object or a list of values'),
      'Named audiences: a condition (used with $audience or $groups) or a list of values (used with $inGroup / $notInGroup).'),
  ),
  interestHalfLifeDays: v.optional(
    v.pipe(v.number(), v.finite('must be a finite number'), v.gtValue(0, 'must be greater than 0'), v.description('Half-life of interest scores, in days. Default 7.')),
  ),
  goals: v.optional(
    v.pipe(
      v.array(name),
      v.maxLength(100, 'must list at most 100 goals'),
      v.description('Conversion goals (data-kairos-goal, kairos.convert) the report counts besides each rule\'s own "goal"; conversions of any other goal are ignored.'),
    ),
  ),
  retentionDays: v.optional(
    v.pipe(v.number(), v.integer('must be a whole number of days'), v.minValue(8, 'must be at least 8: events are checked for duplicates for 8 days, so visitor rows live that long'), v.maxValue(3650, 'must be at most 3650 (ten years)'),
      v.description('Days the edge keeps visitor-level rows (hashed visitor ids) before deleting them (8 to 3650). Default 90.')),
  ),
  slots: objectOf(key, slot, 'Slots by id (data-kairos-slot="id"), each with its rules.'),
});
