import { readFileSync } from "node:fs";
import { type Static, Type } from "@sinclair/typebox";
import { firstProblem, onlyKnown } from "../../selector/schema/first-problem.js";
import { type RunOrigin, runOrigin } from "./run-origin.js";

/** What the workflow run tells the action through its environment and event payload. */
export interface GithubContext {
  eventName: string;
  event: EventPayload;
  /** owner/name */
  repository: string;
  /** The commit the workflow runs on (a pull request's merge commit). */
  sha: string;
  apiUrl: string;
  serverUrl: string;
  /** Where runner-scoped temporary files go. */
  tempDir: string;
  /** Branch, pull request, event, actor and workflow run, as the service stores them on the run. */
  origin: RunOrigin;
  /**
   * The run the service queued and dispatched this workflow for (the workflow_dispatch input
   * `superplane_run_id`): the action's run takes its place.
   */
  queuedRunId?: string;
  /** The commit that run was queued for (the input `superplane_commit_sha`): the one tested. */
  queuedCommitSha?: string;
}

const Sha = Type.String({ pattern: "^[0-9a-f]{40,64}$", errorMessage: "a full commit sha" });

// Only the fields the action reads; everything else in the payload passes through unchecked.
const Repository = Type.Partial(Type.Object({ default_branch: Type.String({ minLength: 1 }) }));

export const EventPayload = Type.Object({
  repository: Type.Optional(Repository),
  pull_request: Type.Optional(
    Type.Object({
      number: Type.Integer(),
      base: Type.Object({ sha: Sha, ref: Type.String() }),
      head: Type.Object({ sha: Sha, ref: Type.String() }),
    }),
  ),
  merge_group: Type.Optional(
    Type.Object({ base_sha: Sha, head_sha: Sha, base_ref: Type.Optional(Type.String()) }),
  ),
  before: Type.Optional(Sha),
  after: Type.Optional(Sha),
  ref: Type.Optional(Type.String()),
  deleted: Type.Optional(Type.Boolean()),
  /** A workflow_dispatch's inputs. */
  inputs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type EventPayload = Static<typeof EventPayload>;

/** A payload that does not have the shape its event promises. */
export class EventError extends Error {
  override name = "EventError";
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventError(`cannot read the event payload ${path}: ${reason}`);
  }
  const problem = firstProblem(EventPayload, raw);
  if (problem) {
    throw new EventError(
      `the event payload ${path} is not what GitHub sends: ${problem.path || "(top)"}: ${problem.message}`,
    );
  }
  return onlyKnown(EventPayload, raw as EventPayload);
}

/** The input the service's workflow_dispatch names its queued run with (service/dispatch/). */
export const RUN_ID_INPUT = "superplane_run_id";
export const COMMIT_INPUT = "superplane_commit_sha";

function queuedRunOf(
  eventName: string,
  event: EventPayload,
): Pick<GithubContext, "queuedRunId" | "queuedCommitSha"> {
  if (eventName !== "workflow_dispatch") return {};
  const id = event.inputs?.[RUN_ID_INPUT];
  // Dispatched by hand from GitHub's page, the input is empty: an ordinary run.
  if (id === undefined || id === "") return {};
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new EventError(
      `the workflow_dispatch input ${RUN_ID_INPUT} ${JSON.stringify(id)} is not a SuperPlane run id`,
    );
  }
  const sha = event.inputs?.[COMMIT_INPUT];
  if (sha === undefined || sha === "") return { queuedRunId: id };
  if (typeof sha !== "string" || firstProblem(Sha, sha)) {
    throw new EventError(
      `the workflow_dispatch input ${COMMIT_INPUT} ${JSON.stringify(sha)} is not a full commit sha`,
    );
  }
  return { queuedRunId: id, queuedCommitSha: sha };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new EventError(`${name} is not set: run this action inside a GitHub Actions job`);
  return value;
}

export function readGithubContext(env: NodeJS.ProcessEnv, tempFallback: string): GithubContext {
  const repository = required(env, "GITHUB_REPOSITORY");
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new EventError(`GITHUB_REPOSITORY "${repository}" is not owner/name`);
  }
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const event = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const queued = queuedRunOf(eventName, event);
  return {
    eventName,
    event,
    repository,
    sha: required(env, "GITHUB_SHA"),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl,
    tempDir: env.RUNNER_TEMP || tempFallback,
    origin: runOrigin(env, eventName, event, repository, serverUrl),
    ...queued,
  };
}
