import type { CoverageVerdict } from "../coverage/types.js";
import type { SelectionOutput } from "./run-selection.js";

/** The body of `POST /v1/selection` and `POST /v1/runs`: the graph's evidence, never source code. */
export interface SelectionRequestBody {
  repo_id: string;
  commit_sha: string;
  base_sha?: string;
  confidence_threshold?: number;
  granularity?: "symbol" | "file";
  changed_files: { path: string; status: string; old_path?: string }[];
  tests: {
    path: string;
    features: SelectionOutput["evidence"][number]["features"];
    graph_path?: string[];
    used_names?: string[];
    forced?: string[];
    reach?: "loads-changed-code" | "types-only";
    type_checked?: boolean;
    coverage_blind?: boolean;
    coverage?: CoverageVerdict;
  }[];
  full_reason?: string;
  policy?: string;
}

export interface RequestContext {
  repoId: string;
  commitSha: string;
  baseSha?: string;
  /** The policy file's text, so the service validates and keeps what the repository says. */
  policyText?: string;
}

/** The service keeps reasons to 1,024 characters (a path alone may be that long). */
function wireVerdict(verdict: CoverageVerdict): CoverageVerdict {
  if (verdict.clear || verdict.reason.length <= 1024) return verdict;
  return { clear: false, reason: `${verdict.reason.slice(0, 1023)}…` };
}

/** Turns a local selection into the service's request: what the action and the CLI send. */
export function selectionRequest(output: SelectionOutput, context: RequestContext): SelectionRequestBody {
  const { result } = output;
  const body: SelectionRequestBody = {
    repo_id: context.repoId,
    commit_sha: context.commitSha,
    confidence_threshold: result.confidence_threshold,
    granularity: result.granularity,
    changed_files: result.changed_files,
    tests: output.evidence.map((item) => ({
      path: item.path,
      features: item.features,
      ...(item.graphPath ? { graph_path: item.graphPath.slice(0, 256) } : {}),
      ...(item.usedNames ? { used_names: item.usedNames.slice(0, 256) } : {}),
      ...(item.forced.length > 0 ? { forced: item.forced.slice(0, 32) } : {}),
      ...(item.loadsChangedCode ? { reach: "loads-changed-code" as const } : {}),
      ...(item.typesOnly ? { reach: "types-only" as const } : {}),
      ...(item.typeChecked ? { type_checked: true } : {}),
      ...(item.coverageBlind ? { coverage_blind: true } : {}),
      ...(item.coverage ? { coverage: wireVerdict(item.coverage) } : {}),
    })),
  };
  if (context.baseSha) body.base_sha = context.baseSha;
  if (result.full_reason) body.full_reason = result.full_reason;
  if (context.policyText !== undefined) body.policy = context.policyText;
  return body;
}
