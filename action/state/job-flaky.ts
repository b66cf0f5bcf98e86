import { readCollectorFlaky } from "../../selector/state/collector-flaky.js";
import { type FlakyMarks, flakyInJob } from "../../selector/state/flaky-store.js";
import type { JUnitCase } from "../../selector/state/junit-results.js";

export interface JobFlakyInput {
  /** Each JUnit report's cases, in the order the reports were written. */
  reports: readonly (readonly JUnitCase[])[];
  /** The coverage collector's folder: its Vitest reporter notes tests that passed on a retry. */
  coverageDir: string;
  workspace: string;
  /** The marks `.git/superplane/` held when the job started. */
  known: FlakyMarks;
  /** The policy's `flaky.quarantine`, when the action decided (the service quarantines its own runs). */
  quarantine: boolean;
  log: (line: string) => void;
}

export interface JobFlaky {
  /** Test files this job saw fail and then pass: marked flaky at its commit. */
  flaky: string[];
  /** Failed test files already marked flaky: the service's `quarantined` list, kept here. */
  quarantined: string[];
}

/** What the job says about flaky tests, as the service would record it from the same results. */
export async function jobFlaky(input: JobFlakyInput): Promise<JobFlaky> {
  const collector = await readCollectorFlaky(input.coverageDir, input.workspace, (message) =>
    input.log(`warning: ${message}`),
  );
  const flaky = [...new Set([...flakyInJob(input.reports), ...collector])].sort();
  if (!input.quarantine) return { flaky, quarantined: [] };
  const failed = new Set(input.reports.flat().flatMap((c) => (c.outcome === "failed" ? [c.file] : [])));
  const quarantined = [...failed].filter((test) => !flaky.includes(test) && input.known[test]).sort();
  return { flaky, quarantined };
}
