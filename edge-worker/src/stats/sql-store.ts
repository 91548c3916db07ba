import { SqlStats } from './sql-stats.ts';
import type { SqlDriver } from './sql.ts';
import type { StatsStore } from './types.ts';

/**
 * A stats store with one database per site, each opened on first use through `open`
 * (a file per site on Node; a Postgres schema or D1 database per site would do too).
 * `close` closes every database opened.
 */
export function sqlStatsStore(open: (site: string) => SqlDriver): StatsStore {
  const sites = new Map<string, { stats: SqlStats; driver: SqlDriver }>();
  const statsFor = (site: string): SqlStats => {
    let s = sites.get(site);
    if (!s) {
      const driver = open(site);
      s = { stats: new SqlStats(driver), driver };
      sites.set(site, s);
    }
    return s.stats;
  };
  return {
    ingest: (batch) => statsFor(batch.site).ingest(batch),
    snapshot: (site) => statsFor(site).snapshot(),
    forget: (caller) => statsFor(caller.site).forget(caller),
    async close() {
      const all = [...sites.values()];
      sites.clear();
      await Promise.all(all.map((s) => s.driver.close?.()));
    },
  };
}
