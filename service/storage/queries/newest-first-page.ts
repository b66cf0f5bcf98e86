import type { Selectable, SelectQueryBuilder } from "kysely";
import type { Database } from "../database-schema.js";
import { toNumber } from "../row-mappers.js";

/** The tables listed a page at a time: both have an `id` and a `created_at`. */
type Paged = "runs" | "webhook_outbox";

/**
 * One page of what `query` matches, newest first, and how many it matches in all. Rows created in
 * the same millisecond still come back in a stable order, by id.
 */
export async function newestFirstPage<T extends Paged>(
  query: SelectQueryBuilder<Database, T, object>,
  page: { page: number; perPage: number },
): Promise<{ rows: Selectable<Database[T]>[]; total: number }> {
  // Kysely resolves the shared columns only on the union, not on a type parameter.
  const paged = query as unknown as SelectQueryBuilder<Database, Paged, object>;
  const counted = await paged.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirst();
  const rows = await paged
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  return { rows: rows as Selectable<Database[T]>[], total: toNumber(counted?.n) };
}
