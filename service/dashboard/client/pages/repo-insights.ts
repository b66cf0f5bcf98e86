import { getJson, query } from "../api.js";
import { dayChart } from "../charts.js";
import { card, empty, h, section, table } from "../dom.js";
import { duration, modelName, ofTotal, percent, trend } from "../format.js";
import { lastDays, link, type Page } from "../route.js";
import type { Insights, Repo } from "../types.js";

const RANGES = [7, 30, 90];

function rangeLinks(repoId: string, days: number): HTMLElement {
  return h(
    "nav",
    { class: "ranges" },
    "Days: ",
    ...RANGES.map((n) =>
      n === days
        ? h("strong", {}, String(n))
        : h("a", { href: `${link("repos", repoId)}?days=${n}` }, String(n)),
    ),
  );
}

function cards(insights: Insights): HTMLElement {
  const { totals, time_saved, days } = insights;
  const today = days.at(-1);
  return h(
    "div",
    { class: "cards", "data-testid": "cards" },
    card("Time saved today", duration(today?.time_saved_ms ?? 0)),
    card("Time saved, last 7 days", duration(time_saved.last_7_days_ms), trend(time_saved.trend)),
    card("Time saved per day", duration(time_saved.per_day_ms), `over ${days.length} days`),
    card(
      "Share of tests run",
      percent(totals.share_of_tests_run),
      `${totals.tests_selected} of ${totals.tests_total}`,
    ),
    card("Runs", String(totals.runs), `${totals.selective_runs} selective`),
    card("Failed runs", String(totals.failed), totals.runs ? percent(totals.failed / totals.runs) : "–"),
  );
}

function charts(insights: Insights): HTMLElement {
  const days = insights.days.map((d) => d.day);
  const minutes = (ms: number) => `${(ms / 60_000).toFixed(ms < 600_000 ? 1 : 0)} min`;
  return h(
    "div",
    { class: "charts" },
    dayChart(
      "Time saved per day",
      days,
      [
        {
          label: "time saved",
          values: insights.days.map((d) => d.time_saved_ms),
          color: "#2e86de",
          kind: "bars",
        },
      ],
      minutes,
    ),
    dayChart(
      "Share of tests run",
      days,
      [
        {
          label: "share run",
          values: insights.days.map((d) => (d.tests_total ? d.tests_selected / d.tests_total : null)),
          color: "#27ae60",
          kind: "line",
        },
      ],
      (v) => percent(v, 0),
    ),
    dayChart(
      "Runs and failures",
      days,
      [
        { label: "runs", values: insights.days.map((d) => d.runs), color: "#7f8c8d", kind: "bars" },
        { label: "failed", values: insights.days.map((d) => d.failed), color: "#c0392b", kind: "bars" },
      ],
      (v) => String(Math.round(v)),
    ),
  );
}

function weeks(insights: Insights): HTMLElement {
  return section(
    "Per week",
    table(
      ["Week of", "Runs", "Failed", "Share of tests run", "Time saved"],
      [...insights.weeks]
        .reverse()
        .map((w) => [
          w.week,
          w.runs,
          w.failed,
          percent(w.tests_total ? w.tests_selected / w.tests_total : null),
          duration(w.time_saved_ms),
        ]),
      "weeks",
    ),
  );
}

function safety(insights: Insights): HTMLElement {
  const { canary_runs, models } = insights.safety;
  return section(
    "Measured safety (canary full runs)",
    h(
      "p",
      { class: "note" },
      `On ${canary_runs} canary full runs every test ran while each model's selection was recorded. ` +
        "A faulty change is caught when the selection kept at least one of its failing tests (Meta's change recall); " +
        "failing tests caught is the share of all failing tests it kept (test recall). Flaky failures are left out.",
    ),
    models.length === 0
      ? empty("No canary full run in this range yet.")
      : table(
          [
            "Selection",
            "Canary runs",
            "Faulty changes caught",
            "Failing tests caught",
            "Tests it would skip",
          ],
          models.map((m) => [
            modelName(m.model),
            m.runs,
            ofTotal(m.faulty_changes_caught, m.faulty_changes),
            ofTotal(m.failing_tests_caught, m.failing_tests),
            m.tests_skipped,
          ]),
          "safety",
        ),
  );
}

/** One repository: time saved, share run, runs and failures per day, per week, and measured safety. */
export async function repoInsightsPage(repoId: string, params: URLSearchParams): Promise<Page> {
  const days = RANGES.includes(Number(params.get("days"))) ? Number(params.get("days")) : 30;
  const { repos } = await getJson<{ repos: Repo[] }>("/v1/repos");
  const repo = repos.find((r) => r.id === repoId);
  const insights = await getJson<Insights>(
    `/v1/repos/${encodeURIComponent(repoId)}/insights${query(lastDays(days))}`,
  );
  const body = h(
    "div",
    {},
    rangeLinks(repoId, days),
    cards(insights),
    charts(insights),
    safety(insights),
    weeks(insights),
  );
  return { title: repo?.name ?? repoId, repoId, body };
}
