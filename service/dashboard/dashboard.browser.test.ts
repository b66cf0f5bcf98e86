import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleDashboard } from "../../scripts/bundle-dashboard.js";
import { type ReplayedRun, replayHistory } from "../../test/support/replay-history.js";
import { ManualClock } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";

/**
 * The dashboard in Debian's Chromium against a real listening service filled by a replay of this
 * repository's own git history. Screenshots go to SUPERPLANE_SCREENSHOTS (a temp folder otherwise).
 */
const CHROMIUM = "/usr/bin/chromium";
const HOSTILE_TEST = "<img src=x onerror=alert(1)>.test.ts";
const HOSTILE_REASON = "<script>alert(2)</script> changed";
const HOSTILE_MESSAGE = "<script>alert(3)</script> expected 4 to be 3";
const REPO_DIR = join(import.meta.dirname, "..", "..");

let storage: Storage;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let url: string;
let readToken: string;
let orgId: string;
let runs: ReplayedRun[];
let lastAt: Date;
let assets: string;
const shots = process.env.SUPERPLANE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "superplane-shots-"));

async function openPage(): Promise<{ page: Page; dialogs: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(lastAt);
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // Signed out, the page's first read answers 401 and Chromium logs it: that is the sign-in.
    if (message.type() === "error" && !message.text().includes("status of 401")) {
      problems.push(`console: ${message.text()}`);
    }
  });
  // Nothing may leave the machine: every request goes to the service itself.
  page.on("request", (request) => {
    if (!request.url().startsWith(url)) problems.push(`request elsewhere: ${request.url()}`);
  });
  return { page, dialogs, problems };
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId("sign-in").waitFor();
  await page.fill("#token", readToken);
  await page.click("form.sign-in button");
  await page.getByTestId("org").waitFor();
}

/** A replayed full run whose reason is the replay's own (a canary run gives its reason instead). */
async function findRunWithReason(): Promise<ReplayedRun> {
  for (const run of runs.filter((r) => r.askedFull)) {
    const detail = await storage.getRun(orgId, run.id);
    if (detail?.full_reason === HOSTILE_REASON) return run;
  }
  throw new Error("no replayed run kept the replay's full reason");
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage });

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  assets = mkdtempSync(join(tmpdir(), "superplane-dashboard-"));
  await bundleDashboard(assets);
  mkdirSync(shots, { recursive: true });
  storage = await openStorage({ url: ":memory:" });
  const clock = new ManualClock(new Date("2026-01-01T00:00:00.000Z"));
  const org = await storage.ensureOrganization("acme", clock.now());
  orgId = org.id;
  const repo = await storage.connectRepo(org.id, "superplane/superplane", clock.now());
  const write = mintToken();
  await storage.createToken(org.id, "read+write", write.hash, clock.now());
  const read = mintToken();
  await storage.createToken(org.id, "read", read.hash, clock.now());
  readToken = read.token;
  app = await buildApp({ storage, clock, dashboardDir: assets, rateLimit: 1_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  let at = clock.now();
  runs = await replayHistory({
    repoDir: REPO_DIR,
    url,
    token: write.token,
    repoId: repo.id,
    commits: 60,
    // 559c403 and the 59 commits before it: a range every clone holds, so the replay costs the same
    // whatever was committed since.
    until: "559c40322f724df9ec855dfca7b74e49ef51bbc5",
    setTime: (time) => {
      at = time;
      (clock as unknown as { current: Date }).current = time;
    },
    extraTests: [HOSTILE_TEST],
    oftenFailing: [HOSTILE_TEST],
    fullReason: HOSTILE_REASON,
    failureMessage: HOSTILE_MESSAGE,
  });
  lastAt = new Date(at.getTime() + 3_600_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await storage?.close();
  if (assets) rmSync(assets, { recursive: true, force: true });
});

describe("the dashboard in Chromium", () => {
  it("signs in with a read token into an HttpOnly cookie, and shows the repositories", async () => {
    const { page, dialogs, problems } = await openPage();
    await page.goto(`${url}/`);
    await page.fill("#token", "spl_tok_wrong");
    await page.click("form.sign-in button");
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("unknown token");
    await signIn(page);
    expect(await page.evaluate(() => document.cookie)).toBe("");
    await page.getByTestId("repos").waitFor();
    const row = page.getByTestId("repos").locator("tbody tr");
    expect(await row.count()).toBe(1);
    expect(await row.locator("td").first().textContent()).toBe("superplane/superplane");
    await shot(page, "overview");
    expect([dialogs, problems]).toEqual([[], []]);
    await page.context().close();
  });

  it("shows a repository's time saved, share run, runs and measured safety with charts", async () => {
    const { page, dialogs, problems } = await openPage();
    await signIn(page);
    await page.click("text=superplane/superplane");
    await page.getByTestId("cards").waitFor();
    expect(await page.locator("figure.chart canvas").count()).toBe(3);
    const cards = await page.getByTestId("cards").locator(".card .label").allTextContents();
    expect(cards).toEqual([
      "Time saved today",
      "Time saved, last 7 days",
      "Time saved per day",
      "Share of tests run",
      "Runs",
      "Failed runs",
    ]);
    const runsCard = await page.getByTestId("cards").locator(".card").nth(4).locator(".value").textContent();
    expect(Number(runsCard)).toBe(runs.length);
    await shot(page, "repo-insights");
    expect([dialogs, problems]).toEqual([[], []]);
    await page.context().close();
  });

  it("filters the runs by status and opens a run, rendering what the repository wrote as text", async () => {
    const { page, dialogs, problems } = await openPage();
    await signIn(page);
    await page.click("text=superplane/superplane");
    await page.click("nav.top >> text=Runs");
    await page.getByTestId("runs").waitFor();
    await page.selectOption("#filter-status", "failed");
    await page.click("form.filters button");
    await expect.poll(() => page.url()).toContain("status=failed");
    await page.getByTestId("runs").waitFor();
    const statuses = await page.getByTestId("runs").locator("tbody td:nth-child(4)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["failed"]));
    await shot(page, "runs-failed", false);
    const full = runs.find((r) => r.failed.includes(HOSTILE_TEST))!;
    await page.goto(`${url}/runs/${full.id}`);
    await page.getByTestId("failures").waitFor();
    const failures = await page.getByTestId("failures").locator("tbody td:first-child").allTextContents();
    expect(failures).toContain(HOSTILE_TEST);
    const messages = await page.getByTestId("failures").locator("tbody td:nth-child(2)").allTextContents();
    expect(messages).toContain(`${HOSTILE_TEST.replace(/(\.test)?\.ts$/, "")}: ${HOSTILE_MESSAGE}`);
    expect(await page.locator("main img").count()).toBe(0);
    const withReason = await findRunWithReason();
    await page.goto(`${url}/#/runs/${withReason.id}`);
    await page.getByTestId("run-facts").waitFor();
    expect(await page.getByTestId("run-facts").textContent()).toContain(`full: ${HOSTILE_REASON}`);
    expect(await page.locator("main script").count()).toBe(0);
    await shot(page, "run", false);
    expect([dialogs, problems]).toEqual([[], []]);
    await page.context().close();
  });

  it("refuses inline script by its Content-Security-Policy", async () => {
    const { page, problems } = await openPage();
    await signIn(page);
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inline = 1";
      document.body.append(script);
      return (window as unknown as { __inline?: number }).__inline ?? null;
    });
    expect(ran).toBeNull();
    expect(problems.join("\n")).toMatch(/Content Security Policy/);
    await page.context().close();
  });

  it("lists flaky tests, test metrics and models", async () => {
    const { page, dialogs, problems } = await openPage();
    await signIn(page);
    await page.click("text=superplane/superplane");
    await page.click("nav.top >> text=Flaky");
    await page.getByTestId("flaky").waitFor();
    expect(await page.getByTestId("flaky").locator("tbody tr").count()).toBeGreaterThan(0);
    await shot(page, "flaky");
    await page.click("nav.top >> text=Tests");
    await page.getByTestId("test-metrics").waitFor();
    const names = await page.getByTestId("test-metrics").locator("tbody td:first-child").allTextContents();
    expect(names).toContain(HOSTILE_TEST);
    await shot(page, "tests", false);
    await page.click("nav.top >> text=Models");
    await page.getByTestId("model-summary").waitFor();
    await shot(page, "models");
    await page.click("text=Sign out");
    await page.getByTestId("sign-in").waitFor();
    expect([dialogs, problems]).toEqual([[], []]);
    await page.context().close();
  });
});
