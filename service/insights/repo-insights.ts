import type { Insights } from "../../contract/insights.js";
import type { Storage } from "../storage/storage.js";
import { measuredSafety } from "./measured-safety.js";
import { fillDays, total, weeklyTrend, weeksOf } from "./time-buckets.js";

/** Time saved, share of tests run, runs and measured safety of one repository over [from, to). */
export async function repoInsights(
  storage: Storage,
  orgId: string,
  repoId: string,
  range: { from: Date; to: Date },
): Promise<Insights | undefined> {
  const iso = { from: range.from.toISOString(), to: range.to.toISOString() };
  const stored = await storage.insights.days(orgId, repoId, iso);
  if (!stored) return undefined;
  const canary = (await storage.insights.canaryRuns(orgId, repoId, iso)) ?? [];
  // The last instant of the range names its last day; `to` itself is excluded.
  const days = fillDays(stored, range.from, new Date(range.to.getTime() - 1));
  const totals = total(days);
  const trend = weeklyTrend(days);
  return {
    repo_id: repoId,
    from: iso.from,
    to: iso.to,
    totals: {
      ...totals,
      share_of_tests_run: totals.tests_total === 0 ? null : totals.tests_selected / totals.tests_total,
    },
    time_saved: {
      per_day_ms: days.length === 0 ? 0 : Math.round(totals.time_saved_ms / days.length),
      last_7_days_ms: trend.last_7_days_ms,
      previous_7_days_ms: trend.previous_7_days_ms,
      trend: trend.change,
    },
    days,
    weeks: weeksOf(days),
    safety: { canary_runs: canary.length, models: measuredSafety(canary) },
  };
}
