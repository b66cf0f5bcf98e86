import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Sample {
  ms: number;
  maxRssMiB: number;
  stdout: string;
}

const CHILD = fileURLToPath(new URL("./child.js", import.meta.url));

/** Runs `superplane <args>` in a fresh process and reads its wall time and peak memory. */
export function runCli(args: string[], cwd: string): Sample {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CHILD, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`superplane ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  const rss = /max_rss_kib=(\d+)/.exec(child.stderr);
  return { ms, maxRssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: child.stdout };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
