import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Usage } from "../storage.js";
import { periodOf } from "./usage-counters.js";

/**
 * The organization's usage in the billing period (calendar month, UTC) that starts at
 * `periodStart`: one row of counters kept as runs are stored and priced (usage-counters.ts), so
 * the answer costs the same at 10 runs or 100,000. Time saved is the period's runs as each was
 * priced last (run_savings), the same number the dashboard and the insights show.
 */
export async function usage(db: Kysely<Database>, orgId: string, periodStart: Date): Promise<Usage> {
  const iso = periodStart.toISOString();
  if (!/^\d{4}-\d{2}-01T00:00:00\.000Z$/.test(iso))
    throw new Error(`usage is counted per calendar month: ${iso} is not the start of one`);
  const row = await db
    .selectFrom("usage_counters")
    .select(["runs", "selections", "tests_skipped", "skipped_ms", "skipped_unmeasured"])
    .where("org_id", "=", orgId)
    .where("period", "=", periodOf(iso))
    .executeTakeFirst();
  return {
    runs: toNumber(row?.runs),
    selections: toNumber(row?.selections),
    tests_skipped: toNumber(row?.tests_skipped),
    skipped_ms: toNumber(row?.skipped_ms),
    skipped_unmeasured: toNumber(row?.skipped_unmeasured),
  };
}
