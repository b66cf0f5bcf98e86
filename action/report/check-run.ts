import { type GithubApi, statusOf, timeout } from "../github/github-api.js";
import type { Note } from "../select/plan.js";
import { CHECK_RUN_LIMIT, headline, renderSummary, type SummaryView } from "./summary-markdown.js";

export const CHECK_NAME = "SuperPlane";

type Conclusion = "success" | "failure" | "neutral";

export function conclusionOf(view: SummaryView): Conclusion {
  if (view.tests.state === "failed") return "failure";
  if (view.tests.state === "not-run") return "neutral";
  return "success";
}

/**
 * The summary as a completed check run named SuperPlane on the head commit. A token without
 * `checks: write` (403; fork pull requests have read-only tokens) is not an error: the job
 * summary carries the same report, and the returned notice says how to get the check.
 */
export async function publishCheckRun(
  api: GithubApi,
  headSha: string,
  view: SummaryView,
): Promise<Note | undefined> {
  try {
    await api.octokit.rest.checks.create({
      owner: api.owner,
      repo: api.repo,
      name: CHECK_NAME,
      head_sha: headSha,
      status: "completed",
      conclusion: conclusionOf(view),
      output: { title: headline(view.plan), summary: renderSummary(view, CHECK_RUN_LIMIT) },
      ...timeout(),
    });
    return undefined;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) {
      return {
        level: "notice",
        message:
          "no SuperPlane check run: the token cannot write checks (add `permissions: checks: write` to the job); the job summary has the same report",
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return {
      level: "warning",
      message: `the SuperPlane check run could not be created (${status ?? "no answer"}): ${reason}`,
    };
  }
}
