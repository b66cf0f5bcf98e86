/**
 * Does the dashboard's time saved match what skipping saved? Replays the newest N first-parent
 * pushes of a repository (this one by default) against a real `superplane serve` on a fresh SQLite
 * file: per push the service decides (POST /v1/runs, the graph's evidence), the whole suite and
 * the selected files run with the coverage reporter and their wall times are measured, the
 * selected run reports (`superplane report --run-id --wall-ms`), then the whole suite reports as a
 * full run of its own (durations for later pushes). Compares the insights' time saved with
 * Σ(full − selected). Needs `npm run build` (dist/ and build/bundle/). Run:
 *   npx esbuild research/time-saved-replay.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=build/research/time-saved-replay.mjs
 *   node build/research/time-saved-replay.mjs [--commits 30] [--head REV] [--suite dir,dir] [--out DIR]
 * --out keeps each run's artifacts; a run found there is reused (resume, or re-price the same runs).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dashboardSavedMs } from "./time-saved/insights-saved.js";
import { type ReplaySetup, replayCommit, seedDurations } from "./time-saved/replay-commit.js";
import { type PushSavings, pushLine, summarise, summaryLines } from "./time-saved/savings-summary.js";
import { call, startService } from "./time-saved/service-process.js";

const { values: flags } = parseArgs({
  options: {
    commits: { type: "string", default: "30" },
    head: { type: "string", default: "HEAD" },
    suite: { type: "string", default: "selector" },
    out: { type: "string" },
    repo: { type: "string", default: "." },
  },
});
const git = (repo: string, args: string[]) =>
  execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" });
const load = () => execFileSync("uptime", { encoding: "utf8" }).trim();

async function main(): Promise<void> {
  const root = resolve(process.cwd());
  const repoDir = resolve(flags.repo);
  const count = Number(flags.commits);
  const shas = git(repoDir, ["rev-list", "--first-parent", `-n${count + 1}`, flags.head])
    .trim()
    .split("\n")
    .reverse();
  const outDir = resolve(flags.out ?? mkdtempSync(join(tmpdir(), "time-saved-")));
  const workTree = join(outDir, "worktree");
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(workTree)) git(repoDir, ["worktree", "add", "-q", "--detach", workTree, shas[0]!]);
  if (!existsSync(join(workTree, "node_modules")))
    symlinkSync(join(root, "node_modules"), join(workTree, "node_modules"));
  const service = await startService(root, outDir);
  try {
    const repo = await call<{ id: string }>(service, "POST", "/repos", { name: "replay/time-saved" });
    const reporter = join(root, "dist", "coverage", "vitest-reporter.js");
    const suite = flags.suite.split(",").map((dir) => dir.replace(/\/$/, ""));
    const setup: ReplaySetup = { root, repoDir, workTree, reporter, suite, outDir, service, repoId: repo.id };
    console.log(`suite ${suite.join(", ")}; ${count} pushes up to ${shas.at(-1)}; artifacts in ${outDir}`);
    console.log(`load at start: ${load()}`);
    console.log(`seed ${shas[0]!.slice(0, 9)}: full run ${(await seedDurations(setup, shas[0]!)) / 1000} s`);
    const pushes: PushSavings[] = [];
    let before = await dashboardSavedMs(service, repo.id);
    for (const [index, sha] of shas.slice(1).entries()) {
      const outcome = await replayCommit(setup, sha, index % 2 === 0);
      const after = await dashboardSavedMs(service, repo.id);
      const push = {
        sha,
        fullWallMs: outcome.fullWallMs,
        selectedWallMs: outcome.selectedWallMs,
        estimatedMs: after - before,
      };
      before = after;
      pushes.push(push);
      const detail = `${outcome.mode}, ${outcome.selected.length} of ${outcome.suiteTests} selected, load ${outcome.load.toFixed(1)}, ${index % 2 === 0 ? "full first" : "selected first"}`;
      console.log(pushLine(push, detail));
    }
    const ran = pushes.filter((p) => p.selectedWallMs > 0);
    for (const line of summaryLines(summarise(pushes), pushes.length)) console.log(line);
    for (const line of summaryLines(summarise(ran), ran.length, "pushes that ran a selection"))
      console.log(line);
    console.log(
      `dashboard total (insights time_saved): ${(before / 1000).toFixed(1)} s; load at end: ${load()}`,
    );
  } finally {
    await service.stop();
    git(repoDir, ["worktree", "remove", "--force", workTree]);
  }
}

await main();
