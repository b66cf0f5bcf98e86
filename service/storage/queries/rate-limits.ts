import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";

/**
 * One upsert per request: the row lock on the window's counter makes concurrent hits from every
 * replica add up exactly, and RETURNING gives this hit's position in the window.
 */
export async function hitRateWindow(db: Kysely<Database>, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto("rate_limit_windows")
    .values({ key, window_start: windowStart.toISOString(), count: 1 })
    .onConflict((oc) =>
      oc.columns(["key", "window_start"]).doUpdateSet({ count: sql<number>`rate_limit_windows.count + 1` }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  // The first hit of a window clears the key's ended windows, so the table holds one row per key.
  if (count === 1) {
    await db
      .deleteFrom("rate_limit_windows")
      .where("key", "=", key)
      .where("window_start", "<", windowStart.toISOString())
      .execute();
  }
  return count;
}
