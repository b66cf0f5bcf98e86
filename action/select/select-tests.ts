import { fetchRecordedCommits } from "../coverage/fetch-recorded.js";
import type { ChangeRange } from "../event/change-range.js";
import type { RunOrigin } from "../event/run-origin.js";
import type { GithubApi } from "../github/github-api.js";
import type { ServiceApi } from "../service/service-api.js";
import { ServiceError } from "../service/service-error.js";
import type { Settings } from "../settings.js";
import type { LocalState } from "../state/local-state.js";
import { uploadStateOnce } from "../state/upload-state.js";
import { compareChange } from "./comparison.js";
import { graphNotes } from "./graph-notes.js";
import { type LocalSelection, localSelection } from "./local-selection.js";
import { localPlan, type Note, type Plan, servicePlan } from "./plan.js";
import { policyNotes } from "./policy-notes.js";

export interface SelectDeps {
  settings: Settings;
  range: ChangeRange;
  github: GithubApi | undefined;
  /** Absent when no api-url or token was given. */
  service: ServiceApi | undefined;
  repository: string;
  /** Branch, pull request, event, actor and workflow run: stored on the service's run. */
  origin: RunOrigin;
  /** The queued run a workflow_dispatch from the service named: this job's run takes its place. */
  queuedRunId?: string;
  /** `.git/superplane/` as the job found it: durations and coverage records. */
  state: LocalState;
  log: (line: string) => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Puts each affected test's coverage verdict in the evidence, from the service's latest record of
 * the test. Coverage can only lower a selection, so when it cannot be read the graph decides alone.
 */
async function applyCoverage(
  deps: SelectDeps,
  service: ServiceApi,
  local: LocalSelection,
  repoId: string,
  notes: Note[],
): Promise<void> {
  const candidates = local.coverageCandidates;
  if (local.mode !== "selective" || candidates.length === 0) return;
  try {
    const records = await service.coverageRecords(repoId, candidates);
    if (records.length === 0) {
      deps.log(
        `coverage: none of the ${candidates.length} tests the change affects by name has a recorded run`,
      );
      return;
    }
    await fetchRecordedCommits(deps.settings.workspace, records, deps.log);
    const { checked, cleared } = await local.applyCoverage(records);
    deps.log(`coverage: ${cleared} of ${checked} affected tests with a recorded run ran none of the change`);
  } catch (error) {
    notes.push({
      level: "warning",
      message: `recorded coverage could not be used (${message(error)}); the graph decides without it`,
    });
  }
}

/** What a service adds to the local decision: said once, on every run that has none. */
export const SERVICE_ADDS =
  "a SuperPlane service adds learning from every run, a canary that checks the selection, history across branches and a dashboard";

function noServiceNotice(settings: Settings): Note {
  const why = settings.apiUrl
    ? "no SuperPlane token (the token input is empty; pull requests from forks get no secrets)"
    : "no SuperPlane service configured";
  return {
    level: "notice",
    message: `${why}: the tests were selected here, by the graph at the policy's threshold, with the durations and coverage kept in .git/superplane/; ${SERVICE_ADDS} (set the api-url and token inputs)`,
  };
}

/**
 * The decision without a service, the one `superplane select --coverage` prints: the graph, then
 * the coverage records kept in `.git/superplane/` for the tests the change reaches by name.
 */
async function decideLocally(deps: SelectDeps, local: LocalSelection, notes: Note[]): Promise<Plan> {
  const wanted = new Set(local.coverageCandidates);
  const records = deps.state.coverage.filter((record) => wanted.has(record.test));
  if (local.mode !== "selective" || records.length === 0) return localPlan(local, local.decisions, notes);
  try {
    await fetchRecordedCommits(deps.settings.workspace, records, deps.log);
    const { checked, cleared, decisions } = await local.redecide(records);
    deps.log(`coverage: ${cleared} of ${checked} affected tests with a recorded run ran none of the change`);
    return localPlan(local, decisions, notes);
  } catch (error) {
    notes.push({
      level: "warning",
      message: `recorded coverage could not be used (${message(error)}); the graph decides without it`,
    });
    return localPlan(local, local.decisions, notes);
  }
}

async function askService(deps: SelectDeps, local: LocalSelection, notes: Note[]): Promise<Plan> {
  const { service, range, settings } = deps;
  if (!service) {
    notes.push(noServiceNotice(settings));
    return decideLocally(deps, local, notes);
  }
  try {
    const repoId = await service.connectRepo(deps.repository);
    const uploaded = await uploadStateOnce({
      service,
      apiUrl: settings.apiUrl ?? "",
      repoId,
      commitSha: range.reportSha,
      state: deps.state,
      log: deps.log,
    });
    if (uploaded) notes.push(uploaded);
    await applyCoverage(deps, service, local, repoId, notes);
    const body = {
      ...local.request({
        repoId,
        commitSha: range.reportSha,
        ...(local.base ? { baseSha: local.base } : {}),
      }),
      ...deps.origin,
    };
    const policyRef = `${range.reportSha}:${settings.policy}`;
    const shard = settings.shard ? { shard: settings.shard } : {};
    const queued = deps.queuedRunId ? { queuedRunId: deps.queuedRunId } : {};
    const start = settings.run ? { policyRef, ...shard, ...queued } : undefined;
    return servicePlan(local, await service.decide(body, start), repoId, notes);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    notes.push({
      level: "warning",
      message: `the SuperPlane service could not be used: ${error.message}; the tests were selected here (the graph at the policy's threshold), without the learned model and the canary, and this run's results are not reported`,
    });
    return decideLocally(deps, local, notes);
  }
}

/**
 * From the event to the tests to run: the change (git, or the compare API), the graph, then
 * the service when there is one. A step that cannot be trusted (no change, an invalid policy, a
 * graph that cannot be built) turns the plan into a full run with a note; a service that cannot
 * answer leaves the local decision standing.
 */
export async function selectTests(deps: SelectDeps): Promise<Plan> {
  const notes: Note[] = [];
  const { settings, range, log } = deps;
  const comparison = await compareChange(settings.workspace, range, deps.github, log);
  if (comparison.kind === "none") {
    // An event without a base is expected (a schedule); losing the history of one is not.
    notes.push({
      level: range.base ? "warning" : "notice",
      message: `cannot tell what changed: ${comparison.reason}; running the whole suite`,
    });
  }
  const local = await localSelection({
    repoDir: settings.workspace,
    comparison,
    policy: settings.policy,
    ...(settings.threshold !== undefined ? { threshold: settings.threshold } : {}),
  });
  notes.push(...policyNotes(local.policy));
  if (local.graphError)
    notes.push({ level: "warning", message: `${local.graphError}; running the whole suite` });
  for (const warning of local.warnings) {
    const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ""}: ` : "";
    log(`graph: ${where}${warning.message}`);
  }
  // The policy's own warnings are annotated on its lines by policyNotes.
  notes.push(...graphNotes(local.warnings.filter((warning) => warning.code !== "POLICY_UNMATCHED")));
  return askService(deps, local, notes);
}
