import type { SqlDriver, SqlValue } from './sql.ts';
import type { Metric, StatsSnapshot } from './types.ts';

const num = (v: SqlValue | undefined): number => Number(v ?? 0);
const str = (v: SqlValue | undefined): string => String(v ?? '');

/** Every aggregate of one site's database, for the report: eight queries, whatever the row counts. */
export function readSnapshot(db: SqlDriver): StatsSnapshot {
  const vitals = new Map<string, StatsSnapshot['vitals'][number]>();
  for (const r of db.all('SELECT arm, metric, bin, n FROM vital_bin ORDER BY arm, metric, bin')) {
    const k = `${r.arm}\n${r.metric}`;
    let v = vitals.get(k);
    if (!v) vitals.set(k, (v = { arm: str(r.arm), metric: str(r.metric) as Metric, bins: [] }));
    v.bins.push([num(r.bin), num(r.n)]);
  }
  return {
    arms: db.all('SELECT arm, slot, rule, variant, exposures, visitors, timeouts FROM arm ORDER BY arm').map((r) => ({
      arm: str(r.arm), slot: str(r.slot), rule: str(r.rule), variant: str(r.variant),
      exposures: num(r.exposures), visitors: num(r.visitors), timeouts: num(r.timeouts),
    })),
    goals: db.all('SELECT arm, goal, converters, conversions, value FROM arm_goal ORDER BY arm, goal').map((r) => ({
      arm: str(r.arm), goal: str(r.goal), converters: num(r.converters), conversions: num(r.conversions), value: num(r.value),
    })),
    days: db.all('SELECT arm, day, visitors FROM arm_day WHERE visitors <> 0 ORDER BY arm, day').map((r) => ({
      arm: str(r.arm), day: num(r.day), visitors: num(r.visitors),
    })),
    goalDays: db.all('SELECT arm, goal, day, converters FROM arm_goal_day ORDER BY arm, goal, day').map((r) => ({
      arm: str(r.arm), goal: str(r.goal), day: num(r.day), converters: num(r.converters),
    })),
    vitals: [...vitals.values()],
    segmentDays: db.all('SELECT arm, segment, day, visitors FROM segment_day ORDER BY arm, segment, day').map((r) => ({
      arm: str(r.arm), segment: str(r.segment), day: num(r.day), visitors: num(r.visitors),
    })),
    segmentGoalDays: db.all('SELECT arm, goal, segment, day, converters FROM segment_goal_day ORDER BY arm, goal, segment, day').map((r) => ({
      arm: str(r.arm), goal: str(r.goal), segment: str(r.segment), day: num(r.day), converters: num(r.converters),
    })),
    slots: db.all('SELECT slot, visitors FROM slot ORDER BY slot').map((r) => ({ slot: str(r.slot), visitors: num(r.visitors) })),
  };
}
