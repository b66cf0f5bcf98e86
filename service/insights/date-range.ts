import { ApiError } from "../api-error.js";

export const DEFAULT_DAYS = 30;
/** A little over a year: enough for a yearly view, bounded so one request cannot scan everything. */
export const MAX_DAYS = 400;
const DAY_MS = 86_400_000;

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The start of the UTC day after `now`. */
function tomorrow(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
}

function parseEdge(value: string, isEnd: boolean): Date {
  if (!isDay(value)) return new Date(value);
  const start = Date.parse(`${value}T00:00:00.000Z`);
  return new Date(isEnd ? start + DAY_MS : start);
}

/**
 * The half-open range [from, to) a query names. A day as `to` means through its end; the default
 * is the 30 whole UTC days that end with today.
 */
export function dateRange(query: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const to = query.to ? parseEdge(query.to, true) : tomorrow(now);
  const from = query.from ? parseEdge(query.from, false) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new ApiError(
      "VALIDATION_FAILED",
      `querystring.from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    throw new ApiError("VALIDATION_FAILED", `querystring: from..to spans more than ${MAX_DAYS} days`);
  }
  return { from, to };
}
