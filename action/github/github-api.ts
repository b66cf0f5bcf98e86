import { Octokit } from "@octokit/rest";
import { firstProblem } from "../../selector/schema/first-problem.js";
import type { BaseRef } from "../event/change-range.js";
import { CompareResponse } from "../git/compare-diff.js";

/** How long one GitHub API call may take: a report must not hold the job up. */
const TIMEOUT_MS = 20_000;

/** Per call, so the clock starts when the call does. */
export const timeout = () => ({ request: { signal: AbortSignal.timeout(TIMEOUT_MS) } });

export interface GithubApi {
  octokit: Octokit;
  owner: string;
  repo: string;
}

export function githubApi(token: string, apiUrl: string, repository: string): GithubApi {
  const [owner = "", repo = ""] = repository.split("/");
  const octokit = new Octokit({
    auth: token,
    baseUrl: apiUrl,
    userAgent: "superplane-action",
  });
  return { octokit, owner, repo };
}

/** The status of a failed GitHub call (403 for a token without the permission), if it had one. */
export function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
  return typeof status === "number" ? status : undefined;
}

const compareName = (base: BaseRef) =>
  base.kind === "commit" ? base.sha : base.kind === "branch" ? base.name : base.rev;

/** `GET /repos/{o}/{r}/compare/{base}...{head}`, checked against the fields the action reads. */
export async function fetchCompare(api: GithubApi, base: BaseRef, headSha: string): Promise<CompareResponse> {
  const response = await api.octokit.rest.repos.compareCommitsWithBasehead({
    owner: api.owner,
    repo: api.repo,
    basehead: `${compareName(base)}...${headSha}`,
    // Pages split the commits; the files (up to 300) come whole with the first page.
    per_page: 1,
    ...timeout(),
  });
  const problem = firstProblem(CompareResponse, response.data);
  if (problem) {
    throw new Error(`the compare API answered an unexpected ${problem.path || "body"}: ${problem.message}`);
  }
  return response.data as unknown as CompareResponse;
}
