import type { Decision } from "../../selector/select/types.js";
import type { ServiceDecision } from "../service/service-api.js";
import type { LocalSelection } from "./local-selection.js";

/** A message for the log, an annotation and the summary. */
export interface Note {
  level: "error" | "warning" | "notice";
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** What the action does: which tests run, why, and what to tell the user. */
export interface Plan {
  mode: "selective" | "full";
  fullReason?: string;
  /** Every test with its decision; the selected ones run. */
  decisions: Decision[];
  selected: string[];
  runId?: string;
  repoId?: string;
  /** Who decided: the service, or the action alone because the service could not. */
  decidedBy: "service" | "action";
  notes: Note[];
  deletedTests: string[];
  changedFiles: number;
  base?: string;
  head: string;
  /** What the graph alone would have selected, when the service's trained model decided. */
  graphAlone?: { testsSelected: number; addedByModel: string[] };
  /** The run's page on the service's dashboard. */
  dashboardUrl?: string;
  /** The policy's `flaky.quarantine`: a failure of a test known flaky is reported as such. */
  quarantineFlaky: boolean;
}

const selectedOf = (decisions: Decision[]) => decisions.filter((d) => d.selected).map((d) => d.test_path);

/**
 * The action's own decision (no service, or one that could not answer): the graph and the
 * cold-start model at the policy's threshold, with local coverage: what `superplane select` prints.
 */
export function localPlan(local: LocalSelection, decisions: Decision[], notes: Note[]): Plan {
  return {
    mode: local.mode,
    ...(local.mode === "full" && local.fullReason ? { fullReason: local.fullReason } : {}),
    decisions,
    selected: selectedOf(decisions),
    decidedBy: "action",
    notes,
    deletedTests: local.deletedTests,
    changedFiles: local.changedFiles,
    ...(local.base ? { base: local.base } : {}),
    head: local.head,
    quarantineFlaky: local.policy.policy.flaky.quarantine,
  };
}

/**
 * The service's decision, made safe: a test the graph knows but the service did not decide on
 * runs (a selection never drops a test silently), and tests only the service names are ignored.
 */
export function servicePlan(
  local: LocalSelection,
  answer: ServiceDecision,
  repoId: string,
  notes: Note[],
): Plan {
  const byPath = new Map(answer.decisions.map((d) => [d.test_path, d]));
  const missing: string[] = [];
  const decisions = local.decisions.map((mine): Decision => {
    const theirs = byPath.get(mine.test_path);
    if (theirs) return theirs;
    missing.push(mine.test_path);
    return {
      ...mine,
      selected: true,
      confidence: 1,
      reasons: ["the service returned no decision for this test"],
    };
  });
  if (missing.length > 0) {
    notes.push({
      level: "warning",
      message: `the service decided nothing for ${missing.length} test(s) (e.g. ${missing[0]}); they run`,
    });
  }
  const mode = answer.mode === "full" || local.mode === "full" ? "full" : "selective";
  const fullReason = answer.fullReason ?? local.fullReason;
  // A full run is a full run whatever the answer says about single tests.
  if (mode === "full") {
    decisions.forEach((d, i) => {
      if (!d.selected) decisions[i] = { ...d, selected: true, reasons: [fullReason ?? "full run"] };
    });
  }
  return {
    mode,
    ...(mode === "full" && fullReason ? { fullReason } : {}),
    decisions,
    selected: selectedOf(decisions),
    runId: answer.runId,
    repoId,
    decidedBy: "service",
    notes,
    deletedTests: local.deletedTests,
    changedFiles: local.changedFiles,
    ...(local.base ? { base: local.base } : {}),
    head: local.head,
    ...(answer.graphAlone && mode === "selective" ? { graphAlone: answer.graphAlone } : {}),
    ...(answer.dashboardUrl ? { dashboardUrl: answer.dashboardUrl } : {}),
    quarantineFlaky: local.policy.policy.flaky.quarantine,
  };
}
