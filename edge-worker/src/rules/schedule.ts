/**
 * Schedule checks the schema's pattern cannot express: the instants are real
 * (no 30 February — `Date.parse` would quietly roll it over to March), and the
 * window is not empty.
 */
import { IssueList, isPlainObject, type Path } from './issues.ts';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch ms of a valid instant; NaN when it is malformed or names a date that does not exist. */
export function parseInstant(text: string): number {
  const m = PARTS.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute, second = 0, offH = 0, offM = 0] = m.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  const real = month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second <= 59 && offH <= 23 && offM <= 59;
  return real ? Date.parse(text) : NaN;
}

/** Checks the `schedule` object at `at`. Malformed strings are the schema's to report. */
export function checkSchedule(schedule: unknown, at: Path, issues: IssueList): void {
  if (!isPlainObject(schedule)) return;
  const times: Record<string, number> = {};
  for (const side of ['start', 'end'] as const) {
    const text = schedule[side];
    if (typeof text !== 'string' || !PARTS.test(text)) continue;
    times[side] = parseInstant(text);
    if (Number.isNaN(times[side])) issues.error([...at, side], `${JSON.stringify(text)} is not a real date and time`);
  }
  const { start, end } = times;
  if (start !== undefined && end !== undefined && end <= start) {
    issues.error([...at, 'end'], end === start
      ? 'the schedule ends when it starts, so the rule never applies'
      : `the schedule ends (${String(schedule.end)}) before it starts (${String(schedule.start)}); swap or fix the dates`);
  }
}
