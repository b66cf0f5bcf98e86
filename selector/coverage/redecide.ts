import type { RevisionSource } from "../repo/revision-source.js";
import { decide } from "../select/decide.js";
import type { SelectionOutput } from "../select/run-selection.js";
import { checkCoverage } from "./check-coverage.js";
import { coverageCandidates } from "./coverage-candidates.js";
import type { CoverageRecord } from "./types.js";

/**
 * Puts each affected test's verdict from its record into the selection's evidence (what the
 * action sends the service); answers how many records applied and how many cleared their test.
 */
export async function attachCoverage(
  output: SelectionOutput,
  repoDir: string,
  head: RevisionSource,
  records: readonly CoverageRecord[],
): Promise<{ checked: number; cleared: number }> {
  if (output.result.mode === "full") return { checked: 0, cleared: 0 };
  const wanted = new Set(coverageCandidates(output.evidence));
  const usable = records.filter((record) => wanted.has(record.test));
  if (usable.length === 0) return { checked: 0, cleared: 0 };
  const verdicts = await checkCoverage({ repoDir, head, records: usable });
  let cleared = 0;
  for (const item of output.evidence) {
    const verdict = verdicts.get(item.path);
    if (!verdict) continue;
    item.coverage = verdict;
    if (verdict.clear) cleared += 1;
  }
  return { checked: usable.length, cleared };
}

/**
 * A selection decided again with recorded coverage (the CLI, which decides locally): the verdicts
 * go into the evidence and the decision rule runs once more.
 */
export async function redecideWithCoverage(
  output: SelectionOutput,
  repoDir: string,
  head: RevisionSource,
  records: readonly CoverageRecord[],
): Promise<{ checked: number; cleared: number }> {
  const applied = await attachCoverage(output, repoDir, head, records);
  if (applied.checked === 0) return applied;
  const { result } = output;
  result.decisions = decide(output.evidence, {
    threshold: result.confidence_threshold,
    granularity: result.granularity,
  });
  result.tests_selected = result.decisions.filter((d) => d.selected).length;
  return applied;
}
