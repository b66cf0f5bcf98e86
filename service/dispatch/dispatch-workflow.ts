/** The workflow inputs a dispatch carries; the workflow declares both under on.workflow_dispatch.inputs. */
export const RUN_ID_INPUT = "superplane_run_id";
export const COMMIT_INPUT = "superplane_commit_sha";

export const GITHUB_API_URL = "https://api.github.com";

export interface WorkflowDispatch {
  /** The service's repository id, for the error that says where to fix the settings. */
  repoId: string;
  /** GitHub's API root: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
  /** owner/name */
  repository: string;
  /** The workflow file name (`superplane.yml`) or its id. */
  workflow: string;
  ref: string;
  token: string;
  runId: string;
  commitSha: string;
}

/** Sent; worth another try later (GitHub down, rate limited, the network); or not without a fix. */
export type DispatchAnswer =
  | { kind: "dispatched" }
  | { kind: "retry"; error: string }
  | { kind: "failed"; error: string };

export function dispatchUrl(request: WorkflowDispatch): string {
  const [owner = "", repo = ""] = request.repository.split("/");
  const path = [owner, repo].map(encodeURIComponent).join("/");
  return `${request.apiUrl.replace(/\/+$/, "")}/repos/${path}/actions/workflows/${encodeURIComponent(request.workflow)}/dispatches`;
}

/** GitHub's `message`, when its error body has one. */
function messageOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string") {
      return parsed.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return undefined;
}

/**
 * What GitHub's answer means for the run, in words that say what to fix. Pure, so each answer is
 * tested on a literal: 2xx sent; 429 and a 403 with the rate limit spent are retried, as are 5xx;
 * any other 4xx needs the repository's settings or token changed, so retrying cannot help.
 */
export function answerOf(
  request: Pick<WorkflowDispatch, "repoId" | "repository" | "workflow" | "ref">,
  status: number,
  body: string,
  headers: { get(name: string): string | null },
): DispatchAnswer {
  if (status >= 200 && status < 300) return { kind: "dispatched" };
  const said = `${status}${messageOf(body) ? `: ${messageOf(body)}` : ""}`;
  // A secondary rate limit is a 403 with Retry-After while requests remain in the primary one.
  const spent = headers.get("x-ratelimit-remaining") === "0" || headers.get("retry-after") !== null;
  const rateLimited = status === 429 || (status === 403 && spent);
  if (rateLimited) return { kind: "retry", error: `GitHub's rate limit was reached (${said})` };
  if (status >= 500) return { kind: "retry", error: `GitHub answered ${said}` };
  const settings = `change it with PUT /v1/repos/${request.repoId}/dispatch`;
  switch (status) {
    case 401:
      return { kind: "failed", error: `GitHub refused the repository's token (${said}): ${settings}` };
    case 403:
      return {
        kind: "failed",
        error: `the token may not dispatch workflows in ${request.repository} (${said}): it needs the Actions: write permission; ${settings}`,
      };
    case 404:
      return {
        kind: "failed",
        error: `GitHub found no workflow "${request.workflow}" in ${request.repository}, or the token cannot see the repository (${said}): ${settings}`,
      };
    case 422:
      return {
        kind: "failed",
        error: `GitHub refused the dispatch (${said}): the workflow needs on.workflow_dispatch with the inputs ${RUN_ID_INPUT} and ${COMMIT_INPUT}, and the ref "${request.ref}" must exist`,
      };
    default:
      return { kind: "failed", error: `GitHub answered ${said}` };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `GitHub did not answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `GitHub could not be reached (${error instanceof Error ? error.message : String(error)}${cause})`;
}

/**
 * `POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches` with the run's id and commit
 * as inputs. Through the global fetch: one call, no client library in the server's bundle.
 */
export async function dispatchWorkflow(
  request: WorkflowDispatch,
  timeoutMs: number,
): Promise<DispatchAnswer> {
  try {
    const response = await fetch(dispatchUrl(request), {
      method: "POST",
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${request.token}`,
        "content-type": "application/json",
        "user-agent": "SuperPlane-Dispatch/1",
        "x-github-api-version": "2022-11-28",
      },
      body: JSON.stringify({
        ref: request.ref,
        inputs: { [RUN_ID_INPUT]: request.runId, [COMMIT_INPUT]: request.commitSha },
      }),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return answerOf(request, response.status, await response.text(), response.headers);
  } catch (error) {
    return { kind: "retry", error: describeError(error, timeoutMs) };
  }
}
