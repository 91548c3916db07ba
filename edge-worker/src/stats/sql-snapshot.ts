import type { SqlQuery, SqlValue } from './sql.ts';
import type { Metric, StatsSnapshot } from './types.ts';

const num = (v: SqlValue | undefined): number => Number(v ?? 0);
const str = (v: SqlValue | undefined): string => String(v ?? '');

/** Every aggregate of one site's database, for the report: eight queries, whatever the row counts. */
export async function readSnapshot(db: SqlQuery): Promise<StatsSnapshot> {
  const all = (sql: string) => db.query(sql);
  const [vitalRows, arms, goals, days, goalDays, segmentDays, segmentGoalDays, slots] = await Promise.all([
    all('SELECT arm, metric, bin, n FROM vital_bin ORDER BY arm, metric, bin'),
    all('SELECT arm, slot, rule, variant, exposures, visitors, timeouts FROM arm ORDER BY arm'),
    all('SELECT arm, goal, converters, conversions, value FROM arm_goal ORDER BY arm, goal'),
    all('SELECT arm, day, visitors FROM arm_day WHERE visitors <> 0 ORDER BY arm, day'),
    all('SELECT arm, goal, day, converters FROM arm_goal_day ORDER BY arm, goal, day'),
    all('SELECT arm, segment, day, visitors FROM segment_day ORDER BY arm, segment, day'),
    all('SELECT arm, goal, segment, day, converters FROM segment_goal_day ORDER BY arm, goal, segment, day'),
    all('SELECT slot, visitors FROM slot ORDER BY slot'),
  ]);
  const vitals = new Map<string, StatsSnapshot['vitals'][number]>();
  for (const r of vitalRows) {
    const k = `${r.arm}\n${r.metric}`;
    let v = vitals.get(k);
    if (!v) vitals.set(k, (v = { arm: str(r.arm), metric: str(r.metric) as Metric, bins: [] }));
    v.bins.push([num(r.bin), num(r.n)]);
  }
  return {
    arms: arms.map((r) => ({
      arm: str(r.arm), slot: str(r.slot), rule: str(r.rule), variant: str(r.variant),
      exposures: num(r.exposures), visitors: num(r.visitors), timeouts: num(r.timeouts),
    })),
    goals: goals.map((r) => ({
      arm: str(r.arm), goal: str(r.goal), converters: num(r.converters), conversions: num(r.conversions), value: num(r.value),
    })),
    days: days.map((r) => ({
      arm: str(r.arm), day: num(r.day), visitors: num(r.visitors),
    })),
    goalDays: goalDays.map((r) => ({
      arm: str(r.arm), goal: str(r.goal), day: num(r.day), converters: num(r.converters),
    })),
    vitals: [...vitals.values()],
    segmentDays: segmentDays.map((r) => ({
      arm: str(r.arm), segment: str(r.segment), day: num(r.day), visitors: num(r.visitors),
    })),
    segmentGoalDays: segmentGoalDays.map((r) => ({
      arm: str(r.arm), goal: str(r.goal), segment: str(r.segment), day: num(r.day), converters: num(r.converters),
    })),
    slots: slots.map((r) => ({ slot: str(r.slot), visitors: num(r.visitors) })),
  };
}
