/**
 * The estimate's model without the drift between pushes: for each push of a replay's artifacts
 * (`--out`) that ran a selection, prices the skipped files with the SAME push's full run, the
 * old way (each file's share of the whole wall time) and the new way (its share of the reporter's
 * `run_ms`, the fixed rest left out), against the measured full − selected wall time. Run:
 *   node build/research/model-check.mjs ARTIFACTS_DIR
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface Times {
  wallMs: number;
  runMs?: number;
  files: Map<string, number>;
}

function timesOf(dir: string): Times | undefined {
  if (!existsSync(join(dir, "wall.json"))) return undefined;
  const { wallMs } = JSON.parse(readFileSync(join(dir, "wall.json"), "utf8")) as { wallMs: number };
  const times: Times = { wallMs, files: new Map() };
  const folder = join(dir, "raw", "file-times");
  for (const name of existsSync(folder) ? readdirSync(folder) : []) {
    const file = JSON.parse(readFileSync(join(folder, name), "utf8")) as {
      files: { path: string; duration_ms: number }[];
      run_ms?: number;
    };
    if (file.run_ms !== undefined) times.runMs = (times.runMs ?? 0) + file.run_ms;
    for (const f of file.files) times.files.set(f.path.replace(/.*\/worktree\//, ""), f.duration_ms);
  }
  return times;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const out = process.argv[2] ?? ".";
for (const sha of readdirSync(out).filter((name) => /^[0-9a-f]{40}$/.test(name))) {
  const full = timesOf(join(out, sha, "full"));
  const selected = timesOf(join(out, sha, "selected"));
  if (!full || !selected) continue;
  const total = [...full.files.values()].reduce((sum, ms) => sum + ms, 0);
  const skipped = [...full.files].filter(([path]) => !selected.files.has(path));
  const skippedShare = skipped.reduce((sum, [, ms]) => sum + ms, 0) / total;
  const measured = full.wallMs - selected.wallMs;
  const old = full.wallMs * skippedShare;
  // Equal shares: what no file's time holds (each file's worker start-up) split evenly per file.
  const skippedOwn = skipped.reduce((sum, [, ms]) => sum + ms, 0);
  const equal = (budget: number) =>
    budget <= total
      ? budget * skippedShare
      : skippedOwn + (skipped.length * (budget - total)) / full.files.size;
  const runMs = full.runMs === undefined ? undefined : Math.min(full.runMs, full.wallMs);
  const fixed =
    runMs === undefined ? "" : `, new ${s(runMs * skippedShare)}, new with equal shares ${s(equal(runMs))}`;
  console.log(
    `${sha.slice(0, 9)} ${selected.files.size} of ${full.files.size} ran: measured ${s(measured)}, old ${s(old)}, old with equal shares ${s(equal(full.wallMs))}${fixed}` +
      (full.runMs === undefined ? "" : `; fixed cost ${s(full.wallMs - full.runMs)} of ${s(full.wallMs)}`),
  );
}
