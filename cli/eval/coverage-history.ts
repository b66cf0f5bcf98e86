import { checkCoverage } from "../../selector/coverage/check-coverage.js";
import { coverageCandidates } from "../../selector/coverage/coverage-candidates.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { commitDraw } from "../../selector/model/canary.js";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { commitSource } from "../../selector/repo/revision-source.js";
import type { TestEvidence } from "../../selector/select/decide.js";
import type { SuiteResult } from "./suite-report.js";

/**
 * The replayed CI's coverage: each test's record from the last run that ran it and passed. A run
 * ran the tests the trained arm selected, or every test on a full run.
 */
export type CoverageHistory = Map<string, CoverageRecord>;

const FULL_RUN_RATE = defaultPolicy().canary.full_run_rate;

/** The first commit, and the canary's share of commits as the service draws them, run every test. */
export function isFullRun(index: number, sha: string, rate = FULL_RUN_RATE): boolean {
  return index === 0 || commitDraw("canary", sha) < rate;
}

/**
 * What a commit's CI run reports: the records of the tests it ran that passed (a failing test keeps
 * its older record, so it runs again until it passes). Each test file runs in a fresh worker, so
 * its record from a whole-suite run is the one a run of the selected files alone would make.
 */
export function recordRun(
  history: CoverageHistory,
  records: readonly CoverageRecord[],
  results: SuiteResult,
  ran: ReadonlySet<string> | "all",
): void {
  for (const record of records) {
    if (results.get(record.test)?.outcome !== "passed") continue;
    if (ran === "all" || ran.has(record.test)) history.set(record.test, record);
  }
}

export interface CoveredEvidence {
  evidence: TestEvidence[];
  cleared: number;
  checked: number;
  /** Why the others were kept, most common first, `N: reason`. */
  reasons: string[];
}

/** The evidence with each coverage verdict the history can give: only affected tests need one. */
export async function withCoverage(
  repoDir: string,
  head: string,
  evidence: readonly TestEvidence[],
  history: CoverageHistory,
): Promise<CoveredEvidence> {
  const records = coverageCandidates(evidence).flatMap((path) => history.get(path) ?? []);
  if (records.length === 0) return { evidence: [...evidence], cleared: 0, checked: 0, reasons: [] };
  const verdicts = await checkCoverage({ repoDir, head: await commitSource(repoDir, head), records });
  let cleared = 0;
  const kept = new Map<string, number>();
  const out = evidence.map((e) => {
    const coverage = verdicts.get(e.path);
    if (!coverage) return e;
    if (coverage.clear) cleared += 1;
    else kept.set(coverage.reason, (kept.get(coverage.reason) ?? 0) + 1);
    return { ...e, coverage };
  });
  const reasons = [...kept].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n}: ${reason}`);
  return { evidence: out, cleared, checked: records.length, reasons };
}
