import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLoopbackService } from "../e2e/loopback-service.js";
import { type ActionRun, installAction, runAction } from "../e2e/run-dist.js";
import { generateRepo, git } from "../generate/generate-repo.js";
import { median } from "./measure.js";
import { benchParser } from "./parser-bench.js";

/**
 * The bench's `action` section. First the parser's numbers (what dist carries, start-up, parse
 * and extract speed); then the action's own overhead (everything but the tests: start-up,
 * deepening the shallow clone, the graph, the service call, outputs and summary) on a generated
 * 10,000-file monorepo: the built dist/index.js run as GitHub runs it (no `run` input, so all of
 * its time is overhead) on a fresh depth-1 clone of a pull request, against the real service on
 * loopback. Cold: no parse cache. Warm: a fresh clone with the parse cache of an earlier run
 * restored into .git/superplane (what actions/cache does).
 */
const MiB = 1024 * 1024;
const COLD_TARGET_MS = 30_000;
const WARM_TARGET_MS = 10_000;

function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

interface Sample {
  ms: number;
  run: ActionRun;
}

export async function benchAction(runs: number): Promise<void> {
  await benchParser({ count: 2000 });
  const work = mkdtempSync(join(tmpdir(), "superplane-action-bench-"));
  const service = await startLoopbackService(work);
  try {
    const actionDir = installAction(join(work, "action"));
    const repo = generateRepo(join(work, "src"), { files: 10_000, tests: 2_000, packages: 10 });
    const mainSha = git(repo.dir, ["rev-parse", "HEAD"]).trim();
    git(repo.dir, ["checkout", "-q", "-b", "change"]);
    const changed = repo.modules[repo.modules.length >> 1]!;
    appendFileSync(join(repo.dir, changed), "\nexport const benchChanged = 1;\n");
    git(repo.dir, [
      "-c",
      "user.name=b",
      "-c",
      "user.email=b@example.com",
      "commit",
      "-qam",
      "change one module",
    ]);
    const headSha = git(repo.dir, ["rev-parse", "HEAD"]).trim();
    const origin = join(work, "origin.git");
    git(work, ["clone", "-q", "--bare", repo.dir, origin]);

    let n = 0;
    const once = async (cacheFrom?: string): Promise<Sample & { workspace: string }> => {
      n++;
      const workspace = join(work, `ws-${n}`);
      // actions/checkout: one commit deep, not timed (the checkout step's own cost).
      git(work, ["clone", "-q", "--depth=1", "--branch", "change", `file://${origin}`, workspace]);
      if (cacheFrom) {
        mkdirSync(join(workspace, ".git", "superplane"), { recursive: true });
        cpSync(join(cacheFrom, ".git", "superplane"), join(workspace, ".git", "superplane"), {
          recursive: true,
        });
      }
      const started = performance.now();
      const run = await runAction({
        actionDir,
        workspace,
        runnerDir: join(work, `runner-${n}`),
        eventName: "pull_request",
        event: {
          pull_request: {
            number: 1,
            base: { sha: mainSha, ref: "main" },
            head: { sha: headSha, ref: "change" },
          },
          repository: { default_branch: "main" },
        },
        sha: headSha,
        inputs: { "api-url": service.apiUrl, token: service.token, "github-token": "" },
        noGithubMock: true,
      });
      const ms = performance.now() - started;
      if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`);
      return { ms, run, workspace };
    };

    const cold: Sample[] = [];
    let cacheFrom = "";
    for (let i = 0; i < runs; i++) {
      const sample = await once();
      cold.push(sample);
      cacheFrom = sample.workspace;
    }
    if (!existsSync(join(cacheFrom, ".git", "superplane")))
      throw new Error("the action left no parse cache in .git/superplane");
    const cacheBytes = bytesUnder(join(cacheFrom, ".git", "superplane"));
    const warm: Sample[] = [];
    for (let i = 0; i < runs; i++) warm.push(await once(cacheFrom));

    const last = warm[warm.length - 1]!.run.outputs;
    // The action logs "selected N of M tests (mode) in X ms": git, the graph and the service call.
    const selectMs = (samples: Sample[]) =>
      median(samples.map((s) => Number(/ tests \(\w+\) in (\d+) ms/.exec(s.run.stdout)?.[1] ?? Number.NaN)));
    const coldMs = median(cold.map((s) => s.ms));
    const warmMs = median(warm.map((s) => s.ms));
    const verdict = (ms: number, target: number) => (ms < target ? "under" : "OVER");
    console.log(
      `\n## action overhead: ${repo.modules.length + repo.tests.length} source files (medians of ${runs})`,
    );
    console.log(
      `dist: ${(bytesUnder(join(actionDir, "dist")) / MiB).toFixed(1)} MiB (node dist/index.js, no node_modules)`,
    );
    console.log(
      `selected ${last["selected-count"]} of ${last["total-count"]} (${last.mode}); parse cache ${(cacheBytes / MiB).toFixed(1)} MiB`,
    );
    console.log(
      `cold (depth-1 clone, no cache)    ${coldMs.toFixed(0)} ms  ${verdict(coldMs, COLD_TARGET_MS)} the ${COLD_TARGET_MS / 1000} s target; selection ${selectMs(cold).toFixed(0)} ms of it`,
    );
    console.log(
      `warm (parse cache restored)       ${warmMs.toFixed(0)} ms  ${verdict(warmMs, WARM_TARGET_MS)} the ${WARM_TARGET_MS / 1000} s target; selection ${selectMs(warm).toFixed(0)} ms of it`,
    );
  } finally {
    await service.close();
    rmSync(work, { recursive: true, force: true });
  }
}
