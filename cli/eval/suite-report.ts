import { isAbsolute, relative, sep } from "node:path";

export type FileOutcome = "passed" | "failed";

export interface FileResult {
  outcome: FileOutcome;
  durationMs: number;
}

/** Test file (repository-relative, POSIX) to its outcome in one run of the suite. */
export type SuiteResult = Map<string, FileResult>;

interface ReportEntry {
  name?: unknown;
  status?: unknown;
  message?: unknown;
  startTime?: unknown;
  endTime?: unknown;
}

function toRepoPath(name: string, repoDir: string): string {
  const path = isAbsolute(name) ? relative(repoDir, name) : name;
  return path.split(sep).join("/");
}

/**
 * Reads the JSON report of `vitest --reporter=json` or `jest --json` (both: `testResults[]` with
 * `name`, `status`, `startTime`, `endTime`). A file reported twice (a runtime and a typecheck
 * pass, or two projects) fails when either fails; its durations add up. A file with a suite-level
 * `message` failed whatever its `status`: Vitest 0.34 reports a file that could not load (a
 * transform error) as "passed" with no assertions and the error as its message.
 */
export function parseJsonReport(text: string, repoDir: string): SuiteResult {
  const report = JSON.parse(text) as { testResults?: ReportEntry[] };
  if (!Array.isArray(report.testResults)) throw new Error("not a vitest/jest JSON report: no testResults");
  const result: SuiteResult = new Map();
  for (const entry of report.testResults) {
    if (typeof entry.name !== "string") continue;
    const path = toRepoPath(entry.name, repoDir);
    const loadError = typeof entry.message === "string" && entry.message.trim() !== "";
    const outcome: FileOutcome = entry.status === "passed" && !loadError ? "passed" : "failed";
    const start = Number(entry.startTime);
    const end = Number(entry.endTime);
    const durationMs = Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : 0;
    const before = result.get(path);
    result.set(path, {
      outcome: before?.outcome === "failed" ? "failed" : outcome,
      durationMs: (before?.durationMs ?? 0) + durationMs,
    });
  }
  return result;
}

/** The test files that detect the change: failing with the old sources, passing with the new. */
export function groundTruth(atBase: SuiteResult, atHead: SuiteResult): string[] {
  return [...atBase]
    .filter(([path, r]) => r.outcome === "failed" && atHead.get(path)?.outcome === "passed")
    .map(([path]) => path)
    .sort();
}

export function failedFiles(result: SuiteResult): string[] {
  return [...result]
    .filter(([, r]) => r.outcome === "failed")
    .map(([path]) => path)
    .sort();
}
