import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { coverageCandidates } from "../../selector/coverage/coverage-candidates.js";
import { attachCoverage, redecideWithCoverage } from "../../selector/coverage/redecide.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { resolveRevision } from "../../selector/git/merge-base.js";
import { unreachableFeatures } from "../../selector/model/features.js";
import { isTestFile } from "../../selector/policy/match-globs.js";
import { commitSource } from "../../selector/repo/revision-source.js";
import { DEFAULT_POLICY_PATH, type LoadedPolicy, loadPolicy } from "../../selector/select/load-policy.js";
import { type SelectInRepoOutput, selectInRepo } from "../../selector/select/select-in-repo.js";
import {
  type RequestContext,
  type SelectionRequestBody,
  selectionRequest,
} from "../../selector/select/selection-request.js";
import type { Decision, SelectionWarning } from "../../selector/select/types.js";
import type { Comparison } from "./comparison.js";

/** What the graph (or, when it cannot be trusted, the plain test list) says, before the service. */
export interface LocalSelection {
  mode: "selective" | "full";
  fullReason?: string;
  decisions: Decision[];
  policy: LoadedPolicy;
  /** The policy file's text, sent so the service keeps what the repository says; absent when invalid. */
  policyText?: string;
  warnings: SelectionWarning[];
  deletedTests: string[];
  changedFiles: number;
  base?: string;
  head: string;
  timings: Record<string, number>;
  /** Why the graph could not be built, when it could not (then every test runs). */
  graphError?: string;
  /** The service request for this selection. */
  request(context: Omit<RequestContext, "policyText">): SelectionRequestBody;
  /** Tests a coverage record could clear (coverage-candidates.ts); none in a full selection. */
  coverageCandidates: string[];
  /**
   * Checks the records against the revision under test and puts each verdict in the evidence the
   * request sends; answers how many tests they clear.
   */
  applyCoverage(records: readonly CoverageRecord[]): Promise<{ checked: number; cleared: number }>;
  /**
   * Decides again with the records, as `superplane select --coverage` does: the decision when
   * no service decides. Answers the new decisions and how many tests the records cleared.
   */
  redecide(
    records: readonly CoverageRecord[],
  ): Promise<{ checked: number; cleared: number; decisions: Decision[] }>;
}

export interface LocalOptions {
  repoDir: string;
  comparison: Comparison;
  /** Repository-relative policy path. */
  policy: string;
  threshold?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isTypeTest = (path: string) => /\.test-d\.[cm]?tsx?$/.test(path);

async function policyText(
  options: LocalOptions,
  head: string,
  loaded: LoadedPolicy,
): Promise<string | undefined> {
  if (loaded.error || loaded.source === "defaults") return undefined;
  if (options.policy !== DEFAULT_POLICY_PATH) return readFile(join(options.repoDir, options.policy), "utf8");
  const source = await commitSource(options.repoDir, head);
  return (await source.read([options.policy])).get(options.policy)?.toString("utf8");
}

const policyFile = (options: LocalOptions) =>
  options.policy === DEFAULT_POLICY_PATH ? undefined : join(options.repoDir, options.policy);

/** Every test at head, all selected: for a change that cannot be computed. */
async function everyTest(options: LocalOptions, reason: string): Promise<LocalSelection> {
  const head = await resolveRevision(
    options.repoDir,
    options.comparison.kind === "none" ? "HEAD" : options.comparison.head,
  );
  const source = await commitSource(options.repoDir, head);
  const policy = await loadPolicy(source, policyFile(options));
  const isTest = isTestFile(policy.policy);
  const tests = source.entries.map((e) => e.path).filter(isTest);
  const text = await policyText(options, head, policy);
  const decisions = tests.map((path) => ({
    test_path: path,
    selected: true,
    confidence: 1,
    reasons: [reason],
  }));
  return {
    mode: "full",
    fullReason: reason,
    decisions,
    policy,
    ...(text !== undefined ? { policyText: text } : {}),
    warnings: [],
    deletedTests: [],
    changedFiles: 0,
    head,
    timings: {},
    coverageCandidates: [],
    applyCoverage: async () => ({ checked: 0, cleared: 0 }),
    redecide: async () => ({ checked: 0, cleared: 0, decisions }),
    request: (context) => ({
      repo_id: context.repoId,
      commit_sha: context.commitSha,
      ...(options.threshold !== undefined ? { confidence_threshold: options.threshold } : {}),
      changed_files: [],
      tests: tests.map((path) => ({ path, features: unreachableFeatures(isTypeTest(path)) })),
      full_reason: reason,
      ...(text !== undefined ? { policy: text } : {}),
    }),
  };
}

function fromGraph(
  output: SelectInRepoOutput,
  text: string | undefined,
  head: string,
  repoDir: string,
): LocalSelection {
  const { result } = output;
  return {
    mode: result.mode,
    ...(result.full_reason ? { fullReason: result.full_reason } : {}),
    decisions: result.decisions,
    policy: output.policy,
    ...(text !== undefined ? { policyText: text } : {}),
    warnings: result.warnings,
    deletedTests: result.deleted_tests,
    changedFiles: result.changed_files.length,
    ...(output.diff.base ? { base: output.diff.base } : {}),
    head,
    timings: result.timings,
    request: (context) =>
      selectionRequest(output, { ...context, ...(text !== undefined ? { policyText: text } : {}) }),
    coverageCandidates: result.mode === "full" ? [] : coverageCandidates(output.evidence),
    async applyCoverage(records) {
      return attachCoverage(output, repoDir, await commitSource(repoDir, head), records);
    },
    async redecide(records) {
      const source = await commitSource(repoDir, head);
      const applied = await redecideWithCoverage(output, repoDir, source, records);
      return { ...applied, decisions: output.result.decisions };
    },
  };
}

/**
 * The offline selection: the graph over the comparison, or every test when there is no
 * comparison or the graph cannot be built (with the reason, which the summary shows).
 */
export async function localSelection(options: LocalOptions): Promise<LocalSelection> {
  const { comparison } = options;
  if (comparison.kind === "none") return everyTest(options, comparison.reason);
  try {
    const output = await selectInRepo({
      repoDir: options.repoDir,
      head: comparison.head,
      ...(comparison.kind === "git" ? { base: comparison.base } : { diff: comparison.diff }),
      ...(comparison.kind === "api" && comparison.base ? { base: comparison.base } : {}),
      ...(policyFile(options) ? { policyFile: policyFile(options) } : {}),
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    });
    const text = await policyText(options, comparison.head, output.policy);
    return fromGraph(output, text, comparison.head, options.repoDir);
  } catch (error) {
    const graphError = `the dependency graph could not be built: ${message(error)}`;
    return { ...(await everyTest(options, graphError)), graphError };
  }
}
