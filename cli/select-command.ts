import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CoverageRecord } from "../selector/coverage/types.js";
import { readDiffInput } from "../selector/diff/read-diff-input.js";
import { defaultBase } from "../selector/git/default-base.js";
import { defaultCores } from "../selector/select/run-selection.js";
import { type SelectInRepoOutput, selectInRepo, WORKTREE } from "../selector/select/select-in-repo.js";
import type { Decision } from "../selector/select/types.js";
import { durationMs } from "../selector/state/durations-store.js";
import type { FlakyMarks } from "../selector/state/flaky-store.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { formatList, formatText, type KnownFlaky } from "./format-text.js";
import { progressLine } from "./progress.js";

export interface SelectFlags {
  repo: string;
  base?: string;
  head: string;
  diff?: string;
  policy?: string;
  threshold?: string;
  granularity: string;
  format: string;
  output?: string;
  cache: boolean;
  /** A records file (`superplane coverage save`): tests whose recorded run ran none of the change skip. */
  coverage?: string;
  /** Read the durations and coverage `superplane report` (or the action) kept in `.git/superplane/`. */
  state?: boolean;
}

function parseThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--threshold must be a number from 0 to 1 (got "${text}")`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}

/** Decides again with the records of `file`; the parser and git reads load only when asked for. */
async function applyRecords(
  file: string,
  output: SelectInRepoOutput,
  repoDir: string,
  head: string,
  log: (line: string) => void,
): Promise<void> {
  const { readRecordsFile } = await import("./coverage-save.js");
  const records = await readRecordsFile(resolve(file));
  if (records.length === 0) {
    log(
      `coverage: no records in ${file} yet (superplane coverage save writes them); the graph decides alone`,
    );
    return;
  }
  await redecide(records, output, repoDir, head, log);
}

async function redecide(
  records: CoverageRecord[],
  output: SelectInRepoOutput,
  repoDir: string,
  head: string,
  log: (line: string) => void,
): Promise<void> {
  const [{ redecideWithCoverage }, { commitSource, worktreeSource }] = await Promise.all([
    import("../selector/coverage/redecide.js"),
    import("../selector/repo/revision-source.js"),
  ]);
  const source = head === WORKTREE ? await worktreeSource(repoDir) : await commitSource(repoDir, head);
  const { checked, cleared } = await redecideWithCoverage(output, repoDir, source, records);
  log(`coverage: ${cleared} of ${checked} affected tests with a record ran none of the change`);
}

/** The selected tests marked flaky in `.git/superplane/`, with the commits they flipped on. */
function knownFlakyOf(decisions: readonly Decision[], marks: FlakyMarks): KnownFlaky[] {
  return decisions.flatMap((d) => {
    const mark = d.selected ? marks[d.test_path] : undefined;
    return mark ? [{ test_path: d.test_path, ...mark }] : [];
  });
}

/** `.git/superplane/` as `superplane report` or the action left it; unreadable files are warnings. */
async function readState(repoDir: string, log: (line: string) => void) {
  const [{ stateDir }, { readCoverageStore }, { readDurations }, { readFlakyMarks }] = await Promise.all([
    import("../selector/state/state-dir.js"),
    import("../selector/state/coverage-store.js"),
    import("../selector/state/durations-store.js"),
    import("../selector/state/flaky-store.js"),
  ]);
  const dir = await stateDir(repoDir);
  const [coverage, durations, flaky] = await Promise.all([
    readCoverageStore(dir),
    readDurations(dir),
    readFlakyMarks(dir),
  ]);
  for (const { warning } of [coverage, durations, flaky]) if (warning) log(`warning: ${warning}`);
  return { coverage: coverage.value, durations: durations.value, flaky: flaky.value };
}

/** `superplane select`: returns the exit code; the selection goes to stdout or --output. */
export async function selectCommand(flags: SelectFlags, log: (line: string) => void): Promise<number> {
  // Milliseconds since the process started: Node's boot and loading the command's code.
  const startupMs = Math.round(performance.now());
  const format = oneOf("format", flags.format, ["json", "text", "list"] as const);
  const granularity = oneOf("granularity", flags.granularity, ["symbol", "file"] as const);
  const threshold = parseThreshold(flags.threshold);
  const repoDir = resolve(flags.repo);
  const diff = flags.diff !== undefined ? await readDiffInput(flags.diff) : undefined;
  const base = flags.base ?? (diff ? undefined : await defaultBase(repoDir, flags.head));
  const progress = progressLine();
  const output = await selectInRepo({
    repoDir,
    ...(base ? { base } : {}),
    head: flags.head,
    ...(diff ? { diff } : {}),
    ...(flags.policy ? { policyFile: resolve(flags.policy) } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    granularity,
    cacheFile: flags.cache ? undefined : false,
    cores: defaultCores(),
    onProgress: progress.update,
  });
  progress.done();
  if (flags.coverage) await applyRecords(flags.coverage, output, repoDir, flags.head, log);
  const state = flags.state !== false ? await readState(repoDir, log) : undefined;
  if (state && !flags.coverage && state.coverage.length > 0 && output.result.mode === "selective") {
    await redecide(state.coverage, output, repoDir, flags.head, log);
  }
  const { result } = output;
  result.timings.startup_ms = startupMs;
  // Marks inform and never decide, as in the service: its selection does not read them either.
  const knownFlaky = state ? knownFlakyOf(result.decisions, state.flaky) : [];
  const text =
    format === "json"
      ? `${JSON.stringify({ ...result, known_flaky: knownFlaky, base, head: flags.head === WORKTREE ? "working tree" : flags.head, policy: output.policy.source }, null, 2)}\n`
      : format === "list"
        ? formatList(result)
        : formatText(result, {
            base,
            head: flags.head,
            ...(state ? { durations: durationMs(state.durations), knownFlaky } : {}),
          });
  if (flags.output) await writeFile(flags.output, text);
  else process.stdout.write(text);
  if (output.policy.error) {
    log(`error: ${output.policy.error.message}`);
    return EXIT.policy;
  }
  if (result.mode === "full" && format !== "text")
    log(`superplane: running every test: ${result.full_reason}`);
  return EXIT.ok;
}
