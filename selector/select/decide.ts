import type { CoverageVerdict } from "../coverage/types.js";
import { coldStartConfidence } from "../model/cold-start.js";
import type { TestFeatures } from "../model/features.js";
import type { Decision } from "./types.js";

/** Everything known about one test before the decision rule runs. */
export interface TestEvidence {
  path: string;
  features: TestFeatures;
  /** Files from a change to the test, changed file first. */
  graphPath?: string[];
  /** Affected names the test (or the file one hop from it) takes, for the reason text. */
  usedNames?: string[];
  /** Affected only because importing it runs changed top-level code. */
  loadsChangedCode?: boolean;
  /** Affected only through types, and no type checker reads it. */
  typesOnly?: boolean;
  /** A type checker reads the test: a change to types alone can fail it, whatever runs. */
  typeChecked?: boolean;
  /**
   * The change reaches the test in a way recorded coverage cannot see: names a module exports
   * added or removed, packages, files read without loading them (select/name-changes.ts).
   */
  coverageBlind?: boolean;
  /**
   * What the test's recorded coverage says of the change (selector/coverage/): when it is clear,
   * the test runs none of the changed code, and counts as not using it.
   */
  coverage?: CoverageVerdict;
  /** Rules that select the test whatever the model says, strongest first. */
  forced: string[];
}

export interface DecideOptions {
  threshold: number;
  granularity: "symbol" | "file";
  /**
   * A model trained for the repository (its failure probability for the test); the cold-start
   * model when absent. It can never lower a protected test below the cold-start score.
   */
  score?: (features: TestFeatures, evidence: TestEvidence) => number;
  /** Names the model in the reason when it, not the graph, decided (a trained model's version). */
  modelName?: string;
  /** Set when the whole suite must run (run_all_when, an untrusted input): every test is selected. */
  fullReason?: string;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Coverage can speak only for what runs: not for a test a type checker reads, not where the change
 * reaches the test some way coverage cannot see, and not at file level.
 */
function coverageClears(evidence: TestEvidence, granularity: "symbol" | "file"): boolean {
  return (
    granularity === "symbol" &&
    evidence.coverage?.clear === true &&
    !evidence.typeChecked &&
    !evidence.coverageBlind
  );
}

function coverageReason(verdict: CoverageVerdict & { clear: true }): string {
  const at = verdict.commit ? ` at ${verdict.commit.slice(0, 12)}` : "";
  const files =
    verdict.files === 1
      ? "the 1 file it loaded that changed"
      : `the ${verdict.files} files it loaded that changed`;
  return `coverage recorded${at}: it ran none of the changed functions of ${files}, and loading them runs the same code`;
}

/** The reason of a test no import path from the change reaches. */
export const UNREACHED_REASON = "no import path from a changed file";

function graphReason(evidence: TestEvidence, granularity: "symbol" | "file"): string {
  const f = evidence.features;
  if (!f.reachable || !evidence.graphPath) return UNREACHED_REASON;
  const path = evidence.graphPath.join(" -> ");
  const weak = f.weakOnly ? " (weak edge: an import written inside a string)" : "";
  if (granularity === "file") return `graph: ${path}${weak}`;
  if (!f.symbolHit && evidence.typesOnly) {
    return `graph: ${path}${weak}; uses changed types only, and its runner does not type-check it`;
  }
  if (!f.symbolHit) return `graph: ${path}${weak}; reaches the change only through unchanged names`;
  if (evidence.loadsChangedCode) return `graph: ${path}${weak}; importing it runs changed top-level code`;
  const names = (evidence.usedNames ?? []).filter((n) => n !== "*");
  const uses = names.length > 0 ? `; uses changed ${names.slice(0, 5).join(", ")}` : "";
  return `graph: ${path}${weak}${uses}`;
}

/**
 * The decision rule of DESIGN: a test is skipped only when `1 - confidence >= threshold`.
 * Forced rules select with confidence 1; at file granularity any graph path counts as a hit.
 */
export function decide(evidence: readonly TestEvidence[], options: DecideOptions): Decision[] {
  return evidence.map((item) => decideOne(item, options));
}

/**
 * The rule for one test. It keeps nothing of `item` but its path and reason strings, so a caller
 * deciding many tests may fill one evidence object again for each (the service, which holds a
 * request's tests as columns, does).
 */
export function decideOne(item: TestEvidence, options: DecideOptions): Decision {
  if (options.fullReason) {
    return { test_path: item.path, selected: true, confidence: 1, reasons: [options.fullReason] };
  }
  if (item.forced.length > 0) {
    const reasons = [...item.forced];
    // A changed test reaches itself; only a path through other files adds anything.
    if (item.features.reachable && (item.graphPath?.length ?? 0) > 1) {
      reasons.push(graphReason(item, options.granularity));
    }
    return { test_path: item.path, selected: true, confidence: 1, reasons };
  }
  const score = options.score ?? coldStartConfidence;
  const cleared = coverageClears(item, options.granularity);
  // Cleared by coverage: it reaches the change by name but runs none of it, so it scores as a
  // test reaching the change only through unchanged names, for the cold-start model and a trained one.
  const features =
    options.granularity === "file"
      ? { ...item.features, symbolHit: item.features.reachable }
      : cleared
        ? { ...item.features, symbolHit: false }
        : item.features;
  const cold = coldStartConfidence(features);
  const modelled = score(features, item);
  // Every affected test keeps its cold-start confidence whatever a model says (docs/model.md,
  // Safety); a model may lower only a test reaching the change through unaffected names, or not
  // at all: zod's mutants fail tests four declarations from the change that write only the
  // outermost name (docs/decisions.md, "A trained model may lower an affected test…").
  const floored = features.symbolHit;
  const confidence = round(floored ? Math.max(modelled, cold) : modelled);
  const selected = !(1 - confidence >= options.threshold);
  const reasons = [graphReason(item, options.granularity)];
  if (cleared && item.coverage?.clear) reasons.push(coverageReason(item.coverage));
  if (options.modelName && options.score && confidence !== round(cold)) {
    reasons.push(`model ${options.modelName}: confidence ${confidence} (graph alone: ${round(cold)})`);
  }
  return { test_path: item.path, selected, confidence, reasons };
}
