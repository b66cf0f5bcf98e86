import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import type { NewRun } from "../storage.js";

/** What a change adds to an organization's usage in a billing period (negative when it takes back). */
export interface UsageDelta {
  runs: number;
  selections: number;
  tests_skipped: number;
  skipped_ms: number;
  skipped_unmeasured: number;
}

export const NO_USAGE: UsageDelta = {
  runs: 0,
  selections: 0,
  tests_skipped: 0,
  skipped_ms: 0,
  skipped_unmeasured: 0,
};

/** The billing period (calendar month, UTC) of an ISO timestamp: "2025-01". */
export function periodOf(iso: string): string {
  return iso.slice(0, 7);
}

/** A run row counted (sign 1) or taken back (sign -1, a queued run adopted by the run that replaces it). */
export function runUsage(
  run: Pick<NewRun, "mode" | "tests_total" | "tests_selected">,
  sign: 1 | -1,
): UsageDelta {
  return {
    ...NO_USAGE,
    runs: sign,
    selections: run.mode === "selective" ? sign : 0,
    tests_skipped: sign * (run.tests_total - run.tests_selected),
  };
}

export function addDeltas(a: UsageDelta, b: UsageDelta): UsageDelta {
  return {
    runs: a.runs + b.runs,
    selections: a.selections + b.selections,
    tests_skipped: a.tests_skipped + b.tests_skipped,
    skipped_ms: a.skipped_ms + b.skipped_ms,
    skipped_unmeasured: a.skipped_unmeasured + b.skipped_unmeasured,
  };
}

/**
 * Adds `delta` to the counters of the period `createdAt` falls in, so GET /v1/org reads one row
 * instead of summing the period's runs. Call it last in the transaction that made the change: on
 * PostgreSQL the row stays locked until commit, and every run of the organization updates it.
 */
export async function addUsage(
  db: Kysely<Database>,
  orgId: string,
  createdAt: string,
  delta: UsageDelta,
): Promise<void> {
  if (Object.values(delta).every((value) => value === 0)) return;
  await db
    .insertInto("usage_counters")
    .values({ org_id: orgId, period: periodOf(createdAt), ...delta })
    .onConflict((oc) =>
      oc.columns(["org_id", "period"]).doUpdateSet((eb) => ({
        runs: eb("usage_counters.runs", "+", eb.ref("excluded.runs")),
        selections: eb("usage_counters.selections", "+", eb.ref("excluded.selections")),
        tests_skipped: eb("usage_counters.tests_skipped", "+", eb.ref("excluded.tests_skipped")),
        skipped_ms: eb("usage_counters.skipped_ms", "+", eb.ref("excluded.skipped_ms")),
        skipped_unmeasured: eb(
          "usage_counters.skipped_unmeasured",
          "+",
          eb.ref("excluded.skipped_unmeasured"),
        ),
      })),
    )
    .execute();
}
