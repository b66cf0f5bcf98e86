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
 * Time saved: for each test skipped this period, its most recent recorded duration in the same
 * repository (a test never run before counts nothing, so the estimate errs low).
 */
async function skippedMs(db: Kysely<Database>, orgId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom("decisions as d")
    .innerJoin("runs as r", "r.id", "d.run_id")
    .select((eb) =>
      eb.fn
        .sum<number | string>(
          eb
            .selectFrom("results as res")
            .innerJoin("runs as prior", "prior.id", "res.run_id")
            .select("res.duration_ms")
            .whereRef("prior.repo_id", "=", "r.repo_id")
            .whereRef("res.test_path", "=", "d.test_path")
            .where("res.outcome", "!=", "skipped")
            .orderBy("prior.created_at", "desc")
            .limit(1),
        )
        .as("ms"),
    )
    .where("r.org_id", "=", orgId)
    .where("r.created_at", ">=", since)
    .where("d.selected", "=", 0)
    .executeTakeFirst();
  return toNumber(row?.ms);
}

export async function usage(db: Kysely<Database>, orgId: string, since: Date): Promise<Usage> {
  const iso = since.toISOString();
  return { ...(await runCounts(db, orgId, iso)), skipped_ms: await skippedMs(db, orgId, iso) };
}
