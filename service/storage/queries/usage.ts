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
 * Time saved: each test file skipped this period at its newest measured duration in the same
 * repository (`test_durations`: reported results and uploaded measurements alike). A file never
 * measured is counted apart and priced at nothing, so the estimate errs low, never by a guess.
 */
async function skipped(db: Kysely<Database>, orgId: string, since: string) {
  const row = await db
    .selectFrom("decisions as d")
    .innerJoin("runs as r", "r.id", "d.run_id")
    .leftJoin("test_durations as t", (join) =>
      join.onRef("t.repo_id", "=", "r.repo_id").onRef("t.test_path", "=", "d.test_path"),
    )
    .select((eb) => [
      eb.fn.sum<number | string>("t.duration_ms").as("ms"),
      eb.fn.countAll<number | string>().filterWhere("t.duration_ms", "is", null).as("unmeasured"),
    ])
    .where("r.org_id", "=", orgId)
    .where("r.created_at", ">=", since)
    .where("d.selected", "=", 0)
    .executeTakeFirst();
  return { skipped_ms: toNumber(row?.ms), skipped_unmeasured: toNumber(row?.unmeasured) };
}

export async function usage(db: Kysely<Database>, orgId: string, since: Date): Promise<Usage> {
  const iso = since.toISOString();
  return { ...(await runCounts(db, orgId, iso)), ...(await skipped(db, orgId, iso)) };
}
