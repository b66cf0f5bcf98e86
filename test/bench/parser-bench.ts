import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { selectCommand } from "../../cli/select-command.js";
import { extractFacts } from "../../selector/extract/extract-facts.js";
import { loadParser, parseSource, withTree } from "../../selector/extract/parser.js";
import type { Grammar } from "../../selector/extract/syntax-tree.js";
import { installedWasmSpec } from "../../selector/extract/wasm-backend.js";
import { generateRepo } from "../generate/generate-repo.js";
import { median } from "./measure.js";

/**
 * The parser (web-tree-sitter, WASM; docs/decisions.md "One parser backend"): what it adds to
 * dist, how long a process takes to load it, how fast it parses and extracts 2,000 files, and the
 * CLI's whole `select --no-cache` on a repository.
 * `node build/test/bench/parser-bench.js [FILES | --dir DIR | --select REPO]`.
 */
const SELF = fileURLToPath(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MiB = 1024 * 1024;

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** Child mode: load the parser and parse one line, print the milliseconds it took. */
async function startupChild(): Promise<void> {
  const started = performance.now();
  await loadParser();
  parseSource("export const a = 1;\n", "typescript");
  process.stdout.write(String(performance.now() - started));
}

function startupMs(): number {
  const samples = Array.from({ length: RUNS + 2 }, () => {
    const child = spawnSync(process.execPath, [SELF, "--startup"], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`startup: ${child.stderr}`);
    return Number(child.stdout);
  });
  return median(samples);
}

/** Child mode: the CLI's whole `select --no-cache --no-state` for HEAD~1..HEAD of `repo`; prints ms. */
async function selectChild(repo: string): Promise<void> {
  const started = performance.now();
  await loadParser();
  const output = join(tmpdir(), `superplane-bench-${process.pid}.json`);
  const flags = { repo, base: "HEAD~1", head: "HEAD", granularity: "symbol", format: "json" };
  const code = await selectCommand({ ...flags, cache: false, state: false, output }, () => {});
  rmSync(output, { force: true });
  if (code !== 0) throw new Error(`select exited ${code}`);
  process.stdout.write(String(performance.now() - started));
}

/** The CLI's whole selection of a repository's last commit: medians of RUNS child processes. */
export function benchSelect(repo: string): void {
  const samples = Array.from({ length: RUNS }, () => {
    const env = { ...process.env, SUPERPLANE_BENCH_CHILD: "1" };
    const child = spawnSync(process.execPath, [SELF, "--select", repo], { encoding: "utf8", env });
    if (child.status !== 0) throw new Error(`select: ${child.stderr}`);
    return Number(child.stdout);
  });
  const each = samples.map((ms) => ms.toFixed(0)).join(", ");
  console.log(
    `\n## select --no-cache of ${repo}: ${median(samples).toFixed(0)} ms median of ${RUNS} (${each})`,
  );
}

interface Sources {
  files: { path: string; source: string; grammar: Grammar }[];
  bytes: number;
}

function readSources(dir: string, paths: string[]): Sources {
  const files = paths.map((path) => ({
    path,
    source: readFileSync(join(dir, path), "utf8"),
    grammar: (path.endsWith(".tsx") ? "tsx" : "typescript") as Grammar,
  }));
  return { files, bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.source), 0) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function timeParse(sources: Sources): Promise<{ parse: number; extract: number; rss: number }> {
  const parse: number[] = [];
  const extract: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    for (const file of sources.files) withTree(file.source, file.grammar, () => undefined);
    parse.push(performance.now() - started);
    started = performance.now();
    for (let i = 0; i < sources.files.length; i++) {
      extractFacts(sources.files[i]!.path, sources.files[i]!.source);
      if (i % 50 === 49) await tick();
    }
    extract.push(performance.now() - started);
  }
  return { parse: median(parse), extract: median(extract), rss: process.memoryUsage().rss / MiB };
}

function sourcesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) return sourcesUnder(dir, path);
    return /\.(?:ts|tsx)$/.test(name) ? [path] : [];
  });
}

/**
 * Prints, for `count` generated files (or every .ts/.tsx under `dir`): the WASM files' size,
 * start-up, parse and extract time, memory. Also the bench's `action` section.
 */
export async function benchParser(options: { count?: number; dir?: string } = {}): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "superplane-parser-"));
  try {
    let dir = options.dir ?? ".";
    let paths: string[];
    if (options.dir) {
      paths = sourcesUnder(dir);
    } else {
      const count = options.count ?? 2000;
      const repo = generateRepo(join(work, "repo"), {
        files: count,
        tests: Math.round(count / 5),
        packages: 4,
      });
      dir = repo.dir;
      paths = [...repo.modules, ...repo.tests];
    }
    const sources = readSources(dir, paths);
    const wasm = installedWasmSpec();
    const size = sizeOf(wasm.runtime) + sizeOf(wasm.grammars.typescript) + sizeOf(wasm.grammars.tsx);
    const startup = startupMs();
    await loadParser();
    const timed = await timeParse(sources);
    console.log(
      `\n## parser (WASM): ${paths.length} files, ${(sources.bytes / MiB).toFixed(1)} MiB (medians of ${RUNS})`,
    );
    console.log("dist size   start-up   parse only   extract (parse + facts)   rss");
    console.log(
      `${(size / MiB).toFixed(1).padStart(5)} MiB  ${startup.toFixed(0).padStart(5)} ms  ${timed.parse.toFixed(0).padStart(7)} ms   ${timed.extract.toFixed(0).padStart(7)} ms (${Math.round((paths.length / timed.extract) * 1000)} files/s)   ${timed.rss.toFixed(0)} MiB`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === "--startup") await startupChild();
  else if (args[0] === "--select" && process.env.SUPERPLANE_BENCH_CHILD) await selectChild(args[1] ?? ".");
  else if (args[0] === "--select") benchSelect(args[1] ?? ".");
  else if (args[0] === "--dir") await benchParser({ dir: args[1] ?? "." });
  else await benchParser({ count: Number(args[0] ?? 2000) });
}
