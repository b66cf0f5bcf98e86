import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleDashboard } from "../../scripts/bundle-dashboard.js";
import { ManualClock, START } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";

/**
 * A run queued through the API shows on its page how the service's workflow_dispatch went: one
 * waiting to be tried again after GitHub answered an error, one GitHub refused for good. The
 * outcomes are written as the dispatch worker writes them (its sending is dispatched-runs.test.ts's).
 */
const CHROMIUM = "/usr/bin/chromium";
const HOSTILE_ERROR = "<img src=x onerror=alert(1)> GitHub answered 502";
const shots = process.env.SUPERPLANE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "superplane-shots-"));

let storage: Storage;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let url: string;
let readToken: string;
let assets: string;
const runIds: { retrying: string; failed: string } = { retrying: "", failed: "" };

beforeAll(async () => {
  assets = mkdtempSync(join(tmpdir(), "superplane-dashboard-"));
  await bundleDashboard(assets);
  storage = await openStorage({ url: ":memory:" });
  const clock = new ManualClock(START);
  const org = await storage.ensureOrganization("acme", START);
  const repo = await storage.connectRepo(org.id, "acme/web", START);
  await storage.dispatch.saveSettings(
    org.id,
    { repo_id: repo.id, workflow: "superplane.yml", ref: "main", token_sealed: "sealed" },
    START,
  );
  const write = mintToken();
  await storage.createToken(org.id, "read+write", write.hash, START);
  const read = mintToken();
  await storage.createToken(org.id, "read", read.hash, START);
  readToken = read.token;
  app = await buildApp({ storage, clock, dashboardDir: assets });
  const queue = async (sha: string) => {
    const queued = await app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: { authorization: `Bearer ${write.token}` },
      payload: { repo_id: repo.id, commit_sha: sha, policy_ref: "main" },
    });
    expect(queued.statusCode).toBe(201);
    const [claimed] = await storage.dispatch.claim("worker", clock.now(), 30_000, 1);
    expect(claimed?.run_id).toBe(queued.json().id);
    return claimed!.run_id;
  };
  runIds.retrying = await queue("a".repeat(40));
  await storage.dispatch.finish("worker", runIds.retrying, {
    kind: "retry",
    at: new Date(START.getTime() + 10 * 60_000),
    error: HOSTILE_ERROR,
  });
  clock.advance(60_000);
  runIds.failed = await queue("b".repeat(40));
  await storage.dispatch.finish("worker", runIds.failed, {
    kind: "failed",
    at: clock.now(),
    error: "GitHub answered 404: workflow superplane.yml not found on main",
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await storage?.close();
  if (assets) rmSync(assets, { recursive: true, force: true });
});

describe("a dispatched run's page in Chromium", () => {
  it("shows the dispatch's status, attempts and last error, the error as text", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${url}/`);
    await page.fill("#token", readToken);
    await page.click("form.sign-in button");
    await page.getByTestId("org").waitFor();

    const facts = async (runId: string) => {
      await page.goto(`${url}/#/runs/${runId}`);
      const dispatch = page.getByTestId("run-dispatch");
      await dispatch.waitFor();
      const labels = await dispatch.locator("dt").allTextContents();
      const values = await dispatch.locator("dd").allTextContents();
      return Object.fromEntries(labels.map((label, i) => [label, values[i]]));
    };
    expect(await facts(runIds.retrying)).toEqual({
      Status: "pending",
      Meaning: "being sent to GitHub, or waiting to be tried again",
      Attempts: "1",
      "Last error": HOSTILE_ERROR,
      "Next attempt": "2025-03-10 12:10",
    });
    expect(await page.getByTestId("run-facts").textContent()).toContain("queued");
    expect(await page.locator("main img").count()).toBe(0);
    await page.screenshot({ path: join(shots, "run-dispatch-pending.png"), fullPage: true });
    expect(await facts(runIds.failed)).toEqual({
      Status: "failed",
      Meaning: "GitHub refused it or retries ran out: no action run will adopt this run",
      Attempts: "1",
      "Last error": "GitHub answered 404: workflow superplane.yml not found on main",
      Finished: "2025-03-10 12:01",
    });
    await page.screenshot({ path: join(shots, "run-dispatch-failed.png"), fullPage: true });
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
