import { getJson } from "../api.js";
import { empty, h, section, table } from "../dom.js";
import { duration, when } from "../format.js";
import { link, type Page } from "../route.js";
import type { RunDetail } from "../types.js";

function facts(run: RunDetail): HTMLElement {
  const rows: [string, string | Node][] = [
    ["Commit", h("code", {}, run.commit_sha)],
    ["Base", run.base_sha ? h("code", {}, run.base_sha) : "–"],
    ["Status", h("span", { class: `status ${run.status}` }, run.status)],
    ["Mode", run.full_reason ? `${run.mode}: ${run.full_reason}` : run.mode],
    ["Tests run", `${run.tests_selected} of ${run.tests_total}`],
    ["Selection", `${run.model_version ?? "cold-start"} at threshold ${run.confidence_threshold}`],
    ["Started", when(run.created_at)],
    ["Duration", run.duration_ms === null ? "–" : duration(run.duration_ms)],
  ];
  if (run.branch) rows.push(["Branch", run.branch]);
  if (run.pull_request) rows.push(["Pull request", `#${run.pull_request}`]);
  if (run.event) rows.push(["Event", run.event]);
  if (run.actor) rows.push(["Actor", run.actor]);
  if (run.workflow_url)
    rows.push(["Workflow", h("a", { href: run.workflow_url, rel: "noreferrer" }, run.workflow_url)]);
  return h(
    "dl",
    { class: "facts", "data-testid": "run-facts" },
    ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

function failures(run: RunDetail): HTMLElement {
  const quarantined = new Set(run.quarantined ?? []);
  const failed = run.results.filter((r) => r.outcome === "failed");
  return section(
    "Failures",
    failed.length === 0
      ? empty("No test failed.")
      : table(
          ["Test", "Message", "Quarantined (flaky)"],
          failed.map((r) => [
            h("code", {}, r.test_path),
            r.message ?? "–",
            quarantined.has(r.test_path) ? "yes" : "no",
          ]),
          "failures",
        ),
  );
}

function shards(run: RunDetail): HTMLElement | null {
  const byShard = new Map<string, { tests: number; ms: number; failed: number }>();
  for (const r of run.results) {
    if (r.shard === undefined || r.shard === null) continue;
    const key = String(r.shard);
    const tally = byShard.get(key) ?? { tests: 0, ms: 0, failed: 0 };
    tally.tests += 1;
    tally.ms += r.duration_ms;
    if (r.outcome === "failed") tally.failed += 1;
    byShard.set(key, tally);
  }
  if (byShard.size === 0) return null;
  return section(
    "Shards",
    table(
      ["Shard", "Tests", "Failed", "Time"],
      [...byShard].map(([shard, t]) => [shard, t.tests, t.failed, duration(t.ms)]),
      "shards",
    ),
  );
}

function decisions(run: RunDetail): HTMLElement {
  const sorted = [...run.decisions].sort(
    (a, b) => Number(b.selected) - Number(a.selected) || a.test_path.localeCompare(b.test_path),
  );
  return section(
    `Decisions (${run.tests_selected} run, ${run.tests_total - run.tests_selected} skipped)`,
    table(
      ["Test", "Runs", "Confidence", "Reasons"],
      sorted.map((d) => [
        h("code", {}, d.test_path),
        d.selected ? "run" : "skipped",
        d.confidence.toFixed(3),
        h("ul", { class: "reasons" }, ...d.reasons.map((reason) => h("li", {}, reason))),
      ]),
      "decisions",
    ),
  );
}

function results(run: RunDetail): HTMLElement {
  return section(
    "Results",
    run.results.length === 0
      ? empty("No results reported yet.")
      : table(
          ["Test", "Outcome", "Duration"],
          run.results.map((r) => [
            h("code", {}, r.test_path),
            h("span", { class: `status ${r.outcome}` }, r.outcome),
            duration(r.duration_ms),
          ]),
          "results",
        ),
  );
}

/** One run: what was decided and why, what ran, what failed, and per shard. */
export async function runPage(runId: string): Promise<Page> {
  const run = await getJson<RunDetail>(`/v1/runs/${encodeURIComponent(runId)}`);
  const body = h(
    "div",
    {},
    h("p", {}, h("a", { href: link("repos", run.repo_id, "runs") }, "← all runs")),
    facts(run),
    failures(run),
    shards(run),
    decisions(run),
    results(run),
  );
  return { title: `Run ${run.id}`, repoId: run.repo_id, body };
}
