/**
 * Scores the selections of each tool (SuperPlane, the runner's related-tests feature) on one
 * mutant against its ground truth, and sums them up. Pure, for research/mutants.ts.
 */

/** What one tool would run for a mutant: "all" for a full run. */
export type Chosen = ReadonlySet<string> | "all";

export interface ToolScore {
  /** Test files of the suite the tool would run. */
  selected: number;
  /** selected / test files of the suite. */
  share: number;
  /** Failing test files the tool would not run. */
  missed: string[];
  /** SuperPlane's warnings; its reason when it ran everything. */
  warnings?: string[];
  full?: string;
  /** The related-tests command failed (it listed nothing). */
  error?: string;
}

export interface MutantRow {
  n: number;
  mutant: string;
  kind: string;
  /** Test files failing with the mutant minus those failing without it. */
  failing: string[];
  tools: Record<string, ToolScore>;
}

export interface ToolTotals {
  failing: number;
  /** Mutants on which the tool's command failed (scored as no miss). */
  errors: number;
  missed: number;
  unsafe: number;
  /** Mean share of the suite selected, over every mutant (a selection is made for each). */
  meanShare: number;
  /** The same, over the mutants that fail some test file. */
  meanShareDetected: number;
}

/** The failing files of a mutant: failing now, not failing at the base. */
export function groundTruth(failingNow: readonly string[], failingAtBase: ReadonlySet<string>): string[] {
  return [...new Set(failingNow)].filter((test) => !failingAtBase.has(test)).sort();
}

/**
 * A tool's score on one mutant. `error`: the tool's command failed (Vitest cannot list the related
 * tests of a file that does not parse); a CI step running it fails, so nothing is skipped silently:
 * no miss, nothing selected, the error kept.
 */
export function scoreTool(
  chosen: Chosen,
  failing: readonly string[],
  universe: ReadonlySet<string>,
  error?: string,
): ToolScore {
  const selected = chosen === "all" ? universe.size : [...chosen].filter((t) => universe.has(t)).length;
  return {
    selected,
    share: universe.size === 0 ? 0 : selected / universe.size,
    missed: chosen === "all" || error !== undefined ? [] : failing.filter((test) => !chosen.has(test)),
    ...(error !== undefined ? { error } : {}),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function totals(rows: readonly MutantRow[], tool: string): ToolTotals {
  const scored = rows.filter((row) => row.tools[tool]);
  const detected = scored.filter((row) => row.failing.length > 0);
  const mean = (list: readonly MutantRow[]) =>
    list.length === 0 ? 0 : round(list.reduce((sum, row) => sum + row.tools[tool]!.share, 0) / list.length);
  return {
    failing: detected.reduce((sum, row) => sum + row.failing.length, 0),
    errors: scored.filter((row) => row.tools[tool]!.error !== undefined).length,
    missed: scored.reduce((sum, row) => sum + row.tools[tool]!.missed.length, 0),
    unsafe: scored.filter((row) => row.tools[tool]!.missed.length > 0).length,
    meanShare: mean(scored),
    meanShareDetected: mean(detected),
  };
}
