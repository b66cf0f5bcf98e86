import { getJson, query } from "../api.js";
import { empty, h, section, table } from "../dom.js";
import { duration, percent } from "../format.js";
import { lastDays, type Page } from "../route.js";
import type { TestMetrics } from "../types.js";

/** A page a person reads; the API answers every file. */
const SHOWN = 100;

/** Per test file over the newest runs: failure rate, p50 and p95 duration, flakiness. */
export async function testsPage(repoId: string): Promise<Page> {
  const metrics = await getJson<TestMetrics>(
    `/v1/tests/metrics${query({ repo_id: repoId, ...lastDays(30), runs: 100 })}`,
  );
  const body = section(
    `Test files over the newest ${metrics.runs} runs (30 days)`,
    h(
      "p",
      { class: "note" },
      "As CircleCI's test insights define them: failure rate is failed runs over runs, p95 by nearest rank, " +
        "flaky when a file passed and failed on one commit.",
    ),
    metrics.tests.length === 0
      ? empty("No results in this range.")
      : table(
          ["Test", "Runs", "Failures", "Failure rate", "p50", "p95", "Flaky"],
          metrics.tests
            .slice(0, SHOWN)
            .map((t) => [
              h("code", {}, t.test_path),
              t.runs,
              t.failures,
              percent(t.failure_rate),
              duration(t.p50_duration_ms),
              duration(t.p95_duration_ms),
              t.flaky ? `yes (${t.flaky_commits} commits)` : "no",
            ]),
          "test-metrics",
        ),
    metrics.tests.length > SHOWN
      ? h(
          "p",
          { class: "note" },
          `The first ${SHOWN} of ${metrics.tests.length}; all are in GET /v1/tests/metrics.`,
        )
      : null,
  );
  return { title: "Tests", repoId, body };
}
