/** What the runs of one UTC day add up to. */
export interface DayTotals {
  /** YYYY-MM-DD, UTC. */
  day: string;
  runs: number;
  passed: number;
  failed: number;
  selective_runs: number;
  tests_selected: number;
  tests_total: number;
  time_saved_ms: number;
}

export type WeekTotals = Omit<DayTotals, "day"> & { /** The Monday that starts it (UTC). */ week: string };

const DAY_MS = 86_400_000;

export function emptyDay(day: string): DayTotals {
  return {
    day,
    runs: 0,
    passed: 0,
    failed: 0,
    selective_runs: 0,
    tests_selected: 0,
    tests_total: 0,
    time_saved_ms: 0,
  };
}

function add<T extends Omit<DayTotals, "day">>(into: T, day: Omit<DayTotals, "day">): T {
  into.runs += day.runs;
  into.passed += day.passed;
  into.failed += day.failed;
  into.selective_runs += day.selective_runs;
  into.tests_selected += day.tests_selected;
  into.tests_total += day.tests_total;
  into.time_saved_ms += day.time_saved_ms;
  return into;
}

/** Every UTC day from `from` to `to` (both included), the ones without runs as zeros. */
export function fillDays(days: readonly DayTotals[], from: Date, to: Date): DayTotals[] {
  const known = new Map(days.map((d) => [d.day, d]));
  const out: DayTotals[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start; t <= to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(known.get(day) ?? emptyDay(day));
  }
  return out;
}

function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** Days summed into ISO weeks (Monday to Sunday), oldest first. */
export function weeksOf(days: readonly DayTotals[]): WeekTotals[] {
  const weeks = new Map<string, WeekTotals>();
  for (const day of days) {
    const week = mondayOf(day.day);
    const { day: _day, ...zero } = emptyDay(day.day);
    const totals = weeks.get(week) ?? { week, ...zero };
    weeks.set(week, add(totals, day));
  }
  return [...weeks.values()];
}

export function total(days: readonly DayTotals[]): Omit<DayTotals, "day"> {
  const { day: _day, ...zero } = emptyDay("");
  return days.reduce((sum, day) => add(sum, day), zero);
}

/**
 * Time saved in the last 7 days of the range against the 7 before, as a ratio (0.25: a quarter
 * more). null when the earlier week saved nothing: any change from nothing is no trend.
 */
export function weeklyTrend(days: readonly DayTotals[]): {
  last_7_days_ms: number;
  previous_7_days_ms: number;
  change: number | null;
} {
  const last = total(days.slice(-7)).time_saved_ms;
  const previous = total(days.slice(-14, -7)).time_saved_ms;
  return {
    last_7_days_ms: last,
    previous_7_days_ms: previous,
    change: previous === 0 ? null : (last - previous) / previous,
  };
}
