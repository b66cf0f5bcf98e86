import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `node build/cli/eval/list-related.js [--config FILE] --outputFile=REPORT FILE…`, run in a project
 * folder: what `vitest related` would run for FILE…, listed through Vitest's node API (as
 * `vitest list --filesOnly` lists, since the CLI's `list` takes no `--related`), so no test runs.
 * Writes a vitest-shaped JSON report naming the files, the shape `superplane eval` already reads.
 */
/** Vitest 3 and 4 list specifications; Vitest 2 has `listFiles`, whose entries are `[project, file]` tuples. */
type SpecLike = { moduleId: string } | [unknown, string];

export interface VitestLike {
  getRelevantTestSpecifications?(filters?: string[]): Promise<SpecLike[]>;
  listFiles?(filters?: string[]): Promise<SpecLike[]>;
  /** Vitest 0.34 and 1: what `start()` runs, the glob narrowed by `related` (neither lists on its own). */
  globTestFiles?(filters?: string[]): Promise<SpecLike[]>;
  filterTestsBySource?(specs: SpecLike[]): Promise<SpecLike[]>;
  close(): Promise<void>;
}

/** The related test files, through whichever listing this Vitest has (newest first). */
export async function relevantSpecs(vitest: VitestLike): Promise<SpecLike[]> {
  if (vitest.getRelevantTestSpecifications) return vitest.getRelevantTestSpecifications();
  if (vitest.listFiles) return vitest.listFiles();
  if (vitest.globTestFiles && vitest.filterTestsBySource)
    return vitest.filterTestsBySource(await vitest.globTestFiles());
  throw new Error("list-related: this Vitest has no way to list related tests without running them");
}

export function specFile(spec: SpecLike): string {
  return Array.isArray(spec) ? spec[1] : spec.moduleId;
}

export interface ListArgs {
  config?: string;
  output: string;
  files: string[];
}

/** Reads the arguments; `--reporter=…` is accepted and ignored (the eval appends it for every runner). */
export function parseListArgs(argv: readonly string[]): ListArgs {
  let config: string | undefined;
  let output: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--config") config = argv[++i];
    else if (arg.startsWith("--config=")) config = arg.slice("--config=".length);
    else if (arg.startsWith("--outputFile=")) output = arg.slice("--outputFile=".length);
    else if (arg.startsWith("--reporter")) continue;
    else files.push(arg);
  }
  if (!output) throw new Error("list-related: --outputFile=FILE is required");
  return { ...(config ? { config } : {}), output, files };
}

export function relatedReport(moduleIds: readonly string[]): string {
  const names = [...new Set(moduleIds)].sort();
  return JSON.stringify({ testResults: names.map((name) => ({ name, status: "passed" })) });
}

async function main(): Promise<void> {
  const args = parseListArgs(process.argv.slice(2));
  const root = process.cwd();
  const entry = join(root, "node_modules", "vitest", "dist", "node.js");
  if (!existsSync(entry))
    throw new Error(`list-related: no Vitest at ${entry}: install the project's dependencies`);
  const { createVitest } = (await import(pathToFileURL(entry).href)) as {
    createVitest(mode: "test", options: Record<string, unknown>): Promise<VitestLike>;
  };
  const vitest = await createVitest("test", {
    root,
    ...(args.config ? { config: resolve(root, args.config) } : {}),
    related: args.files.map((file) => resolve(root, file)),
    watch: false,
    run: true,
    passWithNoTests: true,
  });
  try {
    const specs = await relevantSpecs(vitest);
    writeFileSync(args.output, relatedReport(specs.map(specFile)));
  } finally {
    await vitest.close();
  }
}

// Run only as a script, so the test can import the pure parts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
