import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { buildApp } from "../../service/app.js";
import { mintToken } from "../../service/auth/api-token.js";
import { openStorage } from "../../service/storage/kysely-storage.js";
import { SEED, seedRuns } from "./dashboard-seed.js";
import { median } from "./measure.js";

const REPEATS = Number(process.env.BENCH_DASHBOARD_REPEATS ?? 21);

/** Each dashboard page as the requests its script makes, in order (service/dashboard/client/pages/). */
function pages(repoId: string, runId: string): Record<string, string[]> {
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  return {
    "page /": ["/"],
    overview: ["/dashboard/session", "/v1/repos", `/v1/repos/${repoId}/insights?from=${day(6)}&to=${day(0)}`],
    "repo insights (30 days)": [
      "/dashboard/session",
      "/v1/repos",
      `/v1/repos/${repoId}/insights?from=${day(29)}&to=${day(0)}`,
    ],
    "repo insights (90 days)": [
      "/dashboard/session",
      "/v1/repos",
      `/v1/repos/${repoId}/insights?from=${day(89)}&to=${day(0)}`,
    ],
    runs: ["/dashboard/session", `/v1/runs?repo_id=${repoId}&page=1&per_page=50`],
    "runs, failed only": [
      "/dashboard/session",
      `/v1/runs?repo_id=${repoId}&status=failed&page=1&per_page=50`,
    ],
    run: ["/dashboard/session", `/v1/runs/${runId}`],
    tests: [
      "/dashboard/session",
      `/v1/tests/metrics?repo_id=${repoId}&from=${day(29)}&to=${day(0)}&runs=100`,
    ],
    flaky: ["/dashboard/session", `/v1/tests/flaky?repo_id=${repoId}`],
    models: ["/dashboard/session", `/v1/repos/${repoId}/models`],
  };
}

async function timePage(url: string, cookie: string, paths: string[]): Promise<number> {
  const started = performance.now();
  for (const path of paths) {
    const response = await request(`${url}${path}`, { headers: { cookie } });
    const body = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${body}`);
  }
  return performance.now() - started;
}

/**
 * The dashboard's pages on SQLite with 10,000 runs of one repository (100 tests each): each page's
 * requests in sequence over loopback, as the browser makes them, median of REPEATS after a warm-up.
 * Target (issue 15): under 200 ms a page.
 */
export async function benchDashboard(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "superplane-dashboard-bench-"));
  const file = join(dir, "bench.db");
  const now = new Date();
  const setup = await openStorage({ url: file });
  const org = await setup.ensureOrganization("bench", now);
  const repo = await setup.connectRepo(org.id, "bench/dashboard", now);
  const token = mintToken();
  await setup.createToken(org.id, "read", token.hash, now);
  await setup.close();
  const seeding = performance.now();
  seedRuns(file, org.id, repo.id, now);
  const seededMs = performance.now() - seeding;
  const storage = await openStorage({ url: file });
  const app = await buildApp({ storage, rateLimit: 10_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const cookie = `superplane_session=${token.token}`;
  console.log(
    `\n## dashboard: SQLite, ${SEED.runs} runs x ${SEED.tests} tests over ${SEED.days} days (seeded in ${(seededMs / 1000).toFixed(1)} s); median of ${REPEATS} page loads`,
  );
  try {
    for (const [name, paths] of Object.entries(pages(repo.id, "run_bench00009990"))) {
      await timePage(url, cookie, paths);
      const samples: number[] = [];
      for (let i = 0; i < REPEATS; i++) samples.push(await timePage(url, cookie, paths));
      const p50 = median(samples);
      const worst = Math.max(...samples);
      console.log(
        `${name.padEnd(26)} ${p50.toFixed(1).padStart(7)} ms  (max ${worst.toFixed(1)} ms, ${paths.length} requests)${p50 >= 200 ? "  OVER the 200 ms target" : ""}`,
      );
    }
  } finally {
    await app.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("dashboard-bench.js")) await benchDashboard();
