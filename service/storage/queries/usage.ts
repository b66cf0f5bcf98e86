import type { Kysely } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";
import type { Usage } from "../storage.js";

async function runCounts(db: Kysely<Database>, orgId: string, since: string) {
  const row = await db
    .selectFrom("runs")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("runs"),
      eb.fn.count<number | string>("id").filterWhere("mode", "=", "selective").as("selections"),
      eb.fn.sum<number | string>(eb("tests_total", "-", eb.ref("tests_selected"))).as("skipped"),
    ])
    .where("org_id", "=", orgId)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return {
    runs: toNumber(row?.runs),
    selections: toNumber(row?.selections),
    tests_skipped: toNumber(row?.skipped),
  };
}

/**
 * Time saved: the period's runs as each was priced when its results came (`run_savings`: its
 * skipped files at their newest measured durations; files never measured counted apart, priced at
 * nothing). One row per run, so the sum costs the period's runs, not their tests: the same number
 * the dashboard and the insights show.
 */
async function skipped(db: Kysely<Database>, orgId: string, since: string) {
  const row = await db
    .selectFrom("run_savings as s")
    .innerJoin("runs as r", "r.id", "s.run_id")
    .select((eb) => [
      eb.fn.sum<number | string>("s.skipped_ms").as("ms"),
      eb.fn.sum<number | string>(eb("s.skipped_tests", "-", eb.ref("s.priced_tests"))).as("unmeasured"),
    ])
    .where("r.org_id", "=", orgId)
    .where("r.created_at", ">=", since)
    .executeTakeFirst();
  return { skipped_ms: toNumber(row?.ms), skipped_unmeasured: toNumber(row?.unmeasured) };
}

export async function usage(db: Kysely<Database>, orgId: string, since: Date): Promise<Usage> {
  const iso = since.toISOString();
  return { ...(await runCounts(db, orgId, iso)), ...(await skipped(db, orgId, iso)) };
}
