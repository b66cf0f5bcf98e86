import {
  type FileResult,
  fileResults,
  type JUnitCase,
  parseJUnitCases,
} from "../../selector/state/junit-results.js";
import { mapResultPaths, TestIndex } from "../../selector/state/map-result-paths.js";
import type { Note } from "../select/plan.js";
import type { UnmappedResult } from "../service/service-api.js";
import type { TestFailure } from "./junit-failures.js";
import type { Report } from "./junit-reports.js";

export interface ReadReports {
  /** The results at repository paths: what the service and `.git/superplane/` keep. */
  mapped: FileResult[];
  /** Each report's cases at repository paths (the unmapped left out): for the flaky marks. */
  cases: JUnitCase[][];
  /** By report path: each path the runner wrote that maps, and its repository path. */
  paths: Map<string, Map<string, string>>;
  /** Paths that map to no test, by report: warnings for the log, annotations and the summary. */
  notes: Note[];
  /** Paths the runner wrote relative to its own folder, now repository paths. */
  remapped: number;
  /** The results that map to no test, as the runner wrote them, with why. */
  unmapped: UnmappedResult[];
  /** Every failing case, at its repository path where it maps (the runner's where it does not). */
  failures: TestFailure[];
}

export interface ReportContext {
  /** Every test of the repository at the commit (the plan's decisions). */
  tests: readonly string[];
  selected: ReadonlySet<string>;
  workspace: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const RANK = { failed: 2, passed: 1, skipped: 0 } as const;

/** One result per test file across reports: a failure anywhere fails it. */
function merge(into: Map<string, FileResult>, result: FileResult): void {
  const prior = into.get(result.test_path);
  if (!prior) {
    into.set(result.test_path, { ...result });
    return;
  }
  if (RANK[result.outcome] > RANK[prior.outcome]) prior.outcome = result.outcome;
  prior.duration_ms = Math.max(prior.duration_ms, result.duration_ms);
  if (result.message && !prior.message) prior.message = result.message;
}

const listed = (items: { test_path: string; reason: string }[]) =>
  items
    .slice(0, 5)
    .map((u) => `${u.test_path} (${u.reason})`)
    .join("; ") + (items.length > 5 ? `; and ${items.length - 5} more` : "");

/**
 * Each report's per-file results at repository paths, whatever folder the runner ran in: the
 * path as written, or relative to the report's folder or a folder above it (a package that runs
 * Vitest in its own folder writes `tests/x.test.ts`), or the one test of the repository that ends
 * with it (selector/state/map-result-paths.ts). A report that is not JUnit, and a result that
 * maps to no test, is a warning; an unmapped result is reported apart (`unmapped`), so its failure
 * still fails the run but no test's history takes it.
 */
export function readReports(reports: readonly Report[], context: ReportContext): ReadReports {
  const index = new TestIndex(context.tests);
  const mapped = new Map<string, FileResult>();
  const out: ReadReports = {
    mapped: [],
    cases: [],
    paths: new Map(),
    notes: [],
    remapped: 0,
    unmapped: [],
    failures: [],
  };
  for (const report of reports) {
    let cases: JUnitCase[];
    try {
      cases = parseJUnitCases(report.xml);
    } catch (error) {
      out.notes.push({ level: "warning", message: `${report.path}: ${message(error)}` });
      continue;
    }
    const results = fileResults(cases);
    const paths = mapResultPaths(results, index, {
      tests: context.tests,
      selected: context.selected,
      reportPath: report.path,
      workspace: context.workspace,
    });
    out.remapped += paths.remapped.length;
    const pathOf = new Map(results.map((r) => [r.test_path, r.test_path]));
    for (const { from, to } of paths.remapped) pathOf.set(from, to);
    for (const lost of paths.unmapped) pathOf.delete(lost.test_path);
    out.paths.set(report.path, pathOf);
    out.cases.push(cases.flatMap((c) => (pathOf.has(c.file) ? [{ ...c, file: pathOf.get(c.file)! }] : [])));
    for (const { file, failure } of cases) {
      if (failure) out.failures.push({ ...failure, file: pathOf.get(file) ?? file });
    }
    for (const result of paths.results) merge(mapped, result);
    for (const lost of paths.unmapped) {
      const result = results.find((r) => r.test_path === lost.test_path);
      if (result) out.unmapped.push({ ...result, reason: lost.reason });
    }
    if (paths.unmapped.length > 0) {
      out.notes.push({
        level: "warning",
        message: `${report.path}: ${paths.unmapped.length} result(s) name no test file of the repository: reported as unmapped, their history is not kept: ${listed(paths.unmapped)}`,
      });
    }
  }
  out.mapped = [...mapped.values()];
  return out;
}
