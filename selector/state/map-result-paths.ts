import { posix } from "node:path";

/**
 * Where a runner's result path points in the repository. Runners name test files relative to the
 * folder they ran in: Vitest run inside `packages/a` writes `tests/index.test.tsx`, and five
 * packages write the same path. Stored as written, their histories collide.
 */
export interface ResultPathContext {
  /** Every test file of the repository at the commit (repository-relative, POSIX). */
  tests: readonly string[];
  /** The tests this run selected: between packages with the same relative path, the one that ran. */
  selected?: ReadonlySet<string>;
  /** The report file's repository-relative path: its folder and those above it are tried first. */
  reportPath?: string;
  /** The workspace's absolute path, for runners that write absolute paths. */
  workspace?: string;
}

export type MappedPath =
  | { path: string /** Set when the runner wrote something else. */; from?: string }
  | { unmapped: string; reason: string };

/** Tests by file name, so a suffix search looks at a handful of paths, not the whole repository. */
export class TestIndex {
  private readonly all: Set<string>;
  private readonly byName = new Map<string, string[]>();

  constructor(tests: readonly string[]) {
    this.all = new Set(tests);
    for (const test of this.all) {
      const name = posix.basename(test);
      const list = this.byName.get(name);
      if (list) list.push(test);
      else this.byName.set(name, [test]);
    }
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  /** Tests that end the absolute `path`: a runner in a container mounts the repository elsewhere. */
  endOf(path: string): string[] {
    return (this.byName.get(posix.basename(path)) ?? []).filter((t) => path.endsWith(`/${t}`));
  }

  /** Tests whose path ends with `/relative`: the folders the runner may have run in. */
  endingWith(relative: string): string[] {
    return (this.byName.get(posix.basename(relative)) ?? []).filter((t) => t.endsWith(`/${relative}`));
  }
}

function normalise(raw: string, workspace: string | undefined): string {
  let path = raw.trim().replaceAll("\\", "/");
  if (path.startsWith("file://")) path = decodeURIComponent(new URL(path).pathname);
  const root = workspace?.replaceAll("\\", "/").replace(/\/+$/, "");
  if (root && (path === root || path.startsWith(`${root}/`))) path = path.slice(root.length + 1);
  return posix.normalize(path).replace(/^(\.\/)+/, "");
}

/** The report's folder and each folder above it, nearest first, ending with the root (""). */
function reportFolders(reportPath: string | undefined): string[] {
  if (!reportPath) return [];
  const folders: string[] = [];
  let folder = posix.dirname(reportPath.replaceAll("\\", "/"));
  while (folder !== "." && folder !== "/" && folder !== "") {
    folders.push(folder);
    folder = posix.dirname(folder);
  }
  folders.push("");
  return folders;
}

const list = (paths: string[]) =>
  paths.length > 3 ? `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more` : paths.join(", ");

/**
 * The repository path of one result: the path itself when it names a test, else the test it names
 * relative to the report's folder or one above it (a package that ran its own runner), else the
 * only test that ends with it (preferring one this run selected). Anything else is unmapped, with
 * why: it is never stored under a path that may be another package's test.
 */
export function mapResultPath(raw: string, index: TestIndex, context: ResultPathContext): MappedPath {
  const path = normalise(raw, context.workspace);
  const found = (to: string): MappedPath => (to === raw ? { path: to } : { path: to, from: raw });
  if (path.startsWith("/") || /^[A-Za-z]:\//.test(path) || path.startsWith("../")) {
    // The longest test path that ends it; a shorter one is a folder inside it.
    const ends = index.endOf(path).sort((a, b) => b.length - a.length);
    if (ends[0]) return found(ends[0]);
    return { unmapped: raw, reason: "the path is outside the repository and ends with no test file's path" };
  }
  const folders = reportFolders(context.reportPath).map((f) => (f === "" ? path : `${f}/${path}`));
  // Nearest first: the report's own package, then the folders above it, then the path as written.
  const named = [...folders, path].filter((candidate) => index.has(candidate));
  const candidates = [...new Set([...named, ...index.endingWith(path)])];
  if (candidates.length === 0) {
    return { unmapped: raw, reason: "no test file of the repository has this path or ends with it" };
  }
  // A test that ran is what the runner reported on: the root's `tests/x.test.ts` did not run
  // when only packages' tests were selected.
  const ran = candidates.filter((c) => context.selected?.has(c));
  if (context.selected && context.selected.size > 0) {
    const nearestRan = named.find((c) => context.selected?.has(c));
    if (nearestRan) return found(nearestRan);
    if (ran.length === 1) return found(ran[0]!);
  }
  if (ran.length === 0 && named[0]) return found(named[0]);
  if (ran.length === 0 && candidates.length === 1) return found(candidates[0]!);
  const among = ran.length > 1 ? ran : candidates;
  return {
    unmapped: raw,
    reason:
      `${among.length} test files${ran.length > 1 ? " that ran" : ""} end with it (${list(among)}): write ` +
      "each package's report inside its folder, or have the runner write repository paths (JUnit `file` attribute)",
  };
}

export interface MappedResults<T extends { test_path: string }> {
  results: T[];
  /** Results whose path was rewritten: what the runner wrote, and the repository path. */
  remapped: { from: string; to: string }[];
  unmapped: { test_path: string; reason: string }[];
}

/** Maps every result of one report; unmapped results are left out of `results` (the caller warns). */
export function mapResultPaths<T extends { test_path: string }>(
  results: readonly T[],
  index: TestIndex,
  context: ResultPathContext,
): MappedResults<T> {
  const out: MappedResults<T> = { results: [], remapped: [], unmapped: [] };
  for (const result of results) {
    const mapped = mapResultPath(result.test_path, index, context);
    if ("unmapped" in mapped) {
      out.unmapped.push({ test_path: result.test_path, reason: mapped.reason });
      continue;
    }
    if (mapped.from !== undefined) out.remapped.push({ from: mapped.from, to: mapped.path });
    out.results.push({ ...result, test_path: mapped.path });
  }
  return out;
}
