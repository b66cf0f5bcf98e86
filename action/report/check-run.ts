import { type GithubApi, statusOf, timeout } from "../github/github-api.js";
import type { TestFailure } from "../run/junit-failures.js";
import type { Note } from "../select/plan.js";
import { CHECK_RUN_LIMIT, headline, renderSummary, type SummaryView } from "./summary-markdown.js";

export const CHECK_NAME = "SuperPlane";

type Conclusion = "success" | "failure" | "neutral";

/** GitHub takes at most 50 annotations per request; more are sent in further updates. */
const ANNOTATIONS_PER_REQUEST = 50;
/** Past this many, the summary lists the failures; a check with hundreds of marks helps nobody. */
const MAX_ANNOTATIONS = 200;
/** GitHub's limit on one annotation's message. */
const ANNOTATION_MESSAGE_LIMIT = 64 * 1024;

export function conclusionOf(view: SummaryView): Conclusion {
  if (view.tests.state === "failed") return "failure";
  if (view.tests.state === "not-run") return "neutral";
  return "success";
}

/** The check run as the job goes: created when selection starts, completed at the end. */
export type CheckRun =
  | { state: "started"; id: number }
  /** The token cannot write checks: said once, never tried again. */
  | { state: "denied" }
  /** GitHub did not create it at the start: the end tries once more, completed. */
  | { state: "missing" };

const DENIED_NOTE: Note = {
  level: "notice",
  message:
    "no SuperPlane check run: the token cannot write checks (add `permissions: checks: write` to the job); the job summary has the same report",
};

function failureNote(error: unknown, doing: string): Note {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    level: "warning",
    message: `the SuperPlane check run could not be ${doing} (${statusOf(error) ?? "no answer"}): ${reason}`,
  };
}

/**
 * Creates the check run `in_progress` on the head commit when selection starts, so a job that is
 * cancelled or dies leaves a check saying it never finished rather than none. A token without
 * `checks: write` (403; fork pull requests have read-only tokens) is not an error: the job summary
 * carries the same report, and the note says how to get the check.
 */
export async function startCheckRun(
  api: GithubApi,
  headSha: string,
): Promise<{ check: CheckRun; note?: Note }> {
  try {
    const created = await api.octokit.rest.checks.create({
      owner: api.owner,
      repo: api.repo,
      name: CHECK_NAME,
      head_sha: headSha,
      status: "in_progress",
      output: {
        title: "selecting tests",
        summary: "SuperPlane is selecting and running this commit's tests.",
      },
      ...timeout(),
    });
    return { check: { state: "started", id: created.data.id } };
  } catch (error) {
    if (statusOf(error) === 403) return { check: { state: "denied" }, note: DENIED_NOTE };
    return { check: { state: "missing" }, note: failureNote(error, "created") };
  }
}

/** Each failing test at its assertion's line (line 1 of its file when no line is known). */
export function annotationsOf(failures: readonly TestFailure[]) {
  return failures.slice(0, MAX_ANNOTATIONS).map((failure) => {
    const line = failure.line ?? 1;
    return {
      path: failure.file,
      start_line: line,
      end_line: line,
      annotation_level: "failure" as const,
      title: failure.name || failure.file,
      message: (failure.details || failure.message).slice(0, ANNOTATION_MESSAGE_LIMIT),
    };
  });
}

type Output = { title: string; summary: string; annotations?: ReturnType<typeof annotationsOf> };

/** Completes the started check (or creates it completed), then adds the annotations past the first 50. */
async function complete(
  api: GithubApi,
  headSha: string,
  check: CheckRun,
  conclusion: Conclusion,
  output: Output,
): Promise<void> {
  const annotations = output.annotations ?? [];
  const first = { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) };
  const base = { owner: api.owner, repo: api.repo };
  let id: number;
  if (check.state === "started") {
    id = check.id;
    await api.octokit.rest.checks.update({
      ...base,
      check_run_id: id,
      status: "completed",
      conclusion,
      output: first,
      ...timeout(),
    });
  } else {
    const created = await api.octokit.rest.checks.create({
      ...base,
      name: CHECK_NAME,
      head_sha: headSha,
      status: "completed",
      conclusion,
      output: first,
      ...timeout(),
    });
    id = created.data.id;
  }
  for (let at = ANNOTATIONS_PER_REQUEST; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(at, at + ANNOTATIONS_PER_REQUEST);
    await api.octokit.rest.checks.update({
      ...base,
      check_run_id: id,
      output: { title: output.title, summary: output.summary, annotations: batch },
      ...timeout(),
    });
  }
}

/**
 * Completes the check run with the summary, its conclusion and an annotation per failing test.
 * Returns a note when GitHub would not take it, and whether the annotations were written there
 * (otherwise the caller annotates through the workflow log).
 */
export async function finishCheckRun(
  api: GithubApi,
  headSha: string,
  check: CheckRun,
  view: SummaryView,
): Promise<{ note?: Note; annotated: boolean }> {
  if (check.state === "denied") return { annotated: false };
  const output = {
    title: headline(view.plan),
    summary: renderSummary(view, CHECK_RUN_LIMIT),
    annotations: annotationsOf(view.failures ?? []),
  };
  try {
    await complete(api, headSha, check, conclusionOf(view), output);
    return { annotated: true };
  } catch (error) {
    if (statusOf(error) === 403) return { note: DENIED_NOTE, annotated: false };
    return {
      note: failureNote(error, check.state === "started" ? "completed" : "created"),
      annotated: false,
    };
  }
}

/** The job failed before it could report: the started check says why instead of spinning forever. */
export async function abandonCheckRun(api: GithubApi, check: CheckRun, reason: string): Promise<void> {
  if (check.state !== "started") return;
  await api.octokit.rest.checks
    .update({
      owner: api.owner,
      repo: api.repo,
      check_run_id: check.id,
      status: "completed",
      conclusion: "failure",
      output: { title: "SuperPlane failed", summary: `SuperPlane failed before it could report: ${reason}` },
      ...timeout(),
    })
    .catch(() => undefined);
}
