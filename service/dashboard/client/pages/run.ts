import { getJson } from "../api.js";
import { type Child, empty, factList, h, section, table } from "../dom.js";
import { duration, when } from "../format.js";
import { link, type Page } from "../route.js";
import type { RunDetail } from "../types.js";

function facts(run: RunDetail): HTMLElement {
  const rows: [string, Child][] = [
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
  if (run.ci_run_url)
    rows.push(["CI run", h("a", { href: run.ci_run_url, rel: "noreferrer" }, run.ci_run_url)]);
  return factList(rows, "run-facts");
}

/** What each dispatch status means for the run (contract/dispatch.ts says the same to API readers). */
const DISPATCH_MEANS: Record<NonNullable<RunDetail["dispatch"]>["status"], string> = {
  pending: "being sent to GitHub, or waiting to be tried again",
  dispatched: "GitHub took it: the run stays queued until the action run it starts adopts it",
  failed: "GitHub refused it or retries ran out: no action run will adopt this run",
  skipped: "not needed any more: an action run adopted the run first, or the run expired queued",
};

/**
 * The service's workflow_dispatch of a run queued through the API: present only on such runs,
 * so a dispatch that GitHub refused is seen on the run rather than only as a run stuck queued.
 */
function dispatch(run: RunDetail): HTMLElement | null {
  const sent = run.dispatch;
  if (!sent) return null;
  const rows: [string, Child][] = [
    ["Status", h("span", { class: `status ${sent.status}` }, sent.status)],
    ["Meaning", DISPATCH_MEANS[sent.status]],
    ["Attempts", String(sent.attempts)],
  ];
  if (sent.last_error) rows.push(["Last error", sent.last_error]);
  if (sent.next_attempt_at) rows.push(["Next attempt", when(sent.next_attempt_at)]);
  if (sent.finished_at) rows.push(["Finished", when(sent.finished_at)]);
  return section("Workflow dispatch", factList(rows, "run-dispatch"));
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

/** Which of the run's shards reported; the run completes when every one has. */
function shards(run: RunDetail): HTMLElement | null {
  const total = run.shard_total;
  if (!total) return null;
  const reported = new Set(run.shards_reported ?? []);
  const rows = Array.from({ length: total }, (_, i) => [
    `${i + 1} of ${total}`,
    reported.has(i + 1) ? "reported" : "waiting",
  ]);
  return section(
    `Shards: ${reported.size} of ${total} reported`,
    table(["Shard", "Results"], rows, "shards"),
  );
}

function decisionTable(list: RunDetail["decisions"], testid: string): HTMLTableElement {
  return table(
    ["Test", "Confidence", "Reasons"],
    list.map((d) => [
      h("code", {}, d.test_path),
      d.confidence.toFixed(3),
      h("ul", { class: "reasons" }, ...d.reasons.map((reason) => h("li", {}, reason))),
    ]),
    testid,
  );
}

/** What ran and why in full; what was skipped, with its reasons, one click away. */
function decisions(run: RunDetail): HTMLElement {
  const ran = run.decisions.filter((d) => d.selected);
  const skipped = run.decisions.filter((d) => !d.selected);
  return section(
    `Decisions: ${ran.length} run, ${skipped.length} skipped`,
    ran.length ? decisionTable(ran, "decisions-run") : empty("No test ran."),
    skipped.length
      ? h(
          "details",
          {},
          h("summary", {}, `Skipped (${skipped.length})`),
          decisionTable(skipped, "decisions-skipped"),
        )
      : null,
  );
}

function results(run: RunDetail): HTMLElement {
  return section(
    "Results",
    run.results.length === 0
      ? empty("No results reported yet.")
      : h(
          "details",
          {},
          h("summary", {}, `All ${run.results.length} results`),
          table(
            ["Test", "Outcome", "Duration"],
            run.results.map((r) => [
              h("code", {}, r.test_path),
              h("span", { class: `status ${r.outcome}` }, r.outcome),
              duration(r.duration_ms),
            ]),
            "results",
          ),
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
    dispatch(run),
    failures(run),
    shards(run),
    decisions(run),
    results(run),
  );
  return { title: `Run ${run.id}`, repoId: run.repo_id, body };
}
