import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractFacts } from "../../selector/extract/extract-facts.js";
import { parseSource, useParserBackend, withTree } from "../../selector/extract/parser.js";
import type { BackendSpec, Grammar } from "../../selector/extract/syntax-tree.js";
import { installedWasmSpec } from "../../selector/extract/wasm-backend.js";
import { generateRepo } from "../generate/generate-repo.js";
import { median } from "./measure.js";

/**
 * Native tree-sitter addon or web-tree-sitter (WASM) for the bundled action: what each adds to
 * dist, how long a process takes to load it, and how fast it parses and extracts 2,000 files.
 * `node build/test/bench/parser-backends.js [FILES | --dir DIR]` (a generated repository of FILES
 * files, 2,000 by default, or every source under DIR); the numbers behind docs/decisions.md.
 */
const SELF = fileURLToPath(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const require = createRequire(import.meta.url);
const MiB = 1024 * 1024;

const spec = (kind: string): BackendSpec => (kind === "wasm" ? installedWasmSpec() : { kind: "native" });

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** What dist must carry for each backend, in bytes. */
function distBytes(): { native: number; wasm: number } {
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const wasm = installedWasmSpec();
  return {
    native:
      sizeOf(join(packageDir("tree-sitter"), "prebuilds")) +
      sizeOf(join(packageDir("tree-sitter-typescript"), "prebuilds")),
    wasm: sizeOf(wasm.runtime) + sizeOf(wasm.grammars.typescript) + sizeOf(wasm.grammars.tsx),
  };
}

/** Child mode: load the backend and parse one line, print the milliseconds it took. */
async function startupChild(kind: string): Promise<void> {
  const started = performance.now();
  await useParserBackend(spec(kind));
  parseSource("export const a = 1;\n", "typescript");
  process.stdout.write(String(performance.now() - started));
}

function startupMs(kind: string): number {
  const samples = Array.from({ length: RUNS + 2 }, () => {
    const child = spawnSync(process.execPath, [SELF, "--startup", kind], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`startup ${kind}: ${child.stderr}`);
    return Number(child.stdout);
  });
  return median(samples);
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
    for (let i = 0; i < sources.files.length; i++) {
      const file = sources.files[i]!;
      withTree(file.source, file.grammar, () => undefined);
      if (i % 50 === 49) await tick();
    }
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
 * Prints the comparison for `count` generated files (or every .ts/.tsx under `dir`): dist size,
 * start-up, parse and extract time, memory, per backend. Also the bench's `action` section.
 */
export async function benchParserBackends(options: { count?: number; dir?: string } = {}): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "superplane-backends-"));
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
    const sizes = distBytes();
    console.log(
      `\n## parser backends: ${paths.length} files, ${(sources.bytes / MiB).toFixed(1)} MiB (medians of ${RUNS})`,
    );
    console.log("backend  dist size   start-up   parse only   extract (parse + facts)   rss");
    for (const kind of ["native", "wasm"]) {
      const startup = startupMs(kind);
      await useParserBackend(spec(kind));
      const timed = await timeParse(sources);
      const size = kind === "wasm" ? sizes.wasm : sizes.native;
      console.log(
        `${kind.padEnd(8)} ${(size / MiB).toFixed(1).padStart(5)} MiB  ${startup.toFixed(0).padStart(5)} ms  ${timed.parse.toFixed(0).padStart(7)} ms   ${timed.extract.toFixed(0).padStart(7)} ms (${Math.round((paths.length / timed.extract) * 1000)} files/s)   ${timed.rss.toFixed(0)} MiB`,
      );
    }
    console.log(
      "(native dist size: the prebuilds of tree-sitter and tree-sitter-typescript for 6 platforms)",
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === "--startup") await startupChild(args[1] ?? "native");
  else if (args[0] === "--dir") await benchParserBackends({ dir: args[1] ?? "." });
  else await benchParserBackends({ count: Number(args[0] ?? 2000) });
}
