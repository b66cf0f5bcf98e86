import { type Kysely, sql } from "kysely";
import type { Database } from "../database-schema.js";

export interface SlidingCounts {
  /** Allowed hits in the previous window. */
  previous: number;
  /** Allowed hits in the current window before this one. */
  current: number;
}

/**
 * One hit against a sliding window kept as two fixed ones, without a transaction (SQLite replicas
 * in one process would wait on each other's): the upsert gives this hit its position in the
 * window atomically, and a hit whose position does not `fit` is taken back, so refused requests
 * spend nothing and concurrent ones never admit more than the limit. A hit that clearly does not
 * fit is refused on the read alone.
 */
export async function hitSlidingWindow(
  db: Kysely<Database>,
  key: string,
  windowStart: Date,
  previousStart: Date,
  fits: (counts: SlidingCounts) => boolean,
): Promise<SlidingCounts & { allowed: boolean }> {
  const rows = await db
    .selectFrom("rate_limit_windows")
    .select(["window_start", "count"])
    .where("key", "=", key)
    .where("window_start", "in", [windowStart.toISOString(), previousStart.toISOString()])
    .execute();
  const countAt = (start: Date) =>
    Number(rows.find((row) => new Date(row.window_start).getTime() === start.getTime())?.count ?? 0);
  const previous = countAt(previousStart);
  const seen = { previous, current: countAt(windowStart) };
  if (!fits(seen)) return { ...seen, allowed: false };
  const row = await db
    .insertInto("rate_limit_windows")
    .values({ key, window_start: windowStart.toISOString(), count: 1 })
    .onConflict((oc) =>
      oc.columns(["key", "window_start"]).doUpdateSet({ count: sql<number>`rate_limit_windows.count + 1` }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  const counts = { previous, current: Number(row.count) - 1 };
  // The first hit of a window clears the key's windows the sliding one no longer reaches.
  if (counts.current === 0) {
    await db
      .deleteFrom("rate_limit_windows")
      .where("key", "=", key)
      .where("window_start", "<", previousStart.toISOString())
      .execute();
  }
  if (fits(counts)) return { ...counts, allowed: true };
  await db
    .updateTable("rate_limit_windows")
    .set({ count: sql<number>`count - 1` })
    .where("key", "=", key)
    .where("window_start", "=", windowStart.toISOString())
    .execute();
  return { ...counts, allowed: false };
}
