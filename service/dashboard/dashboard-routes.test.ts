import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bundleDashboard } from "../../scripts/bundle-dashboard.js";
import { type Kit, makeKit, selectionBody } from "../../test/support/service-kit.js";
import { defaultDashboardDir } from "./assets-dir.js";

let kit: Kit;
let assets: string;
afterEach(() => kit?.close());
beforeAll(async () => {
  assets = mkdtempSync(join(tmpdir(), "superplane-dashboard-"));
  await bundleDashboard(assets);
});
afterAll(() => rmSync(assets, { recursive: true, force: true }));

const cookieOf = (header: string | string[] | number | undefined) => String(header).split(";")[0]!;

describe("the dashboard's files", () => {
  it("serves the page, its script and styles with a CSP that allows no inline script", async () => {
    kit = await makeKit({ dashboardDir: assets });
    const page = await kit.app.inject({ url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    // The page itself holds no script but the bundle's, and loads nothing from elsewhere.
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]/);
    expect(page.body).not.toMatch(/https?:\/\//);
    const script = await kit.app.inject({ url: "/dashboard/app.js" });
    expect([script.statusCode, script.headers["content-type"]]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);
    expect(script.body).toContain("uPlot");
    const styles = await kit.app.inject({ url: "/dashboard/app.css" });
    expect([styles.statusCode, styles.headers["content-type"]]).toEqual([200, "text/css; charset=utf-8"]);
    // A run's dashboard_url (/runs/{id}) is the same page; the script routes it.
    const runPage = await kit.app.inject({ url: "/runs/run_abc" });
    expect([runPage.statusCode, runPage.body]).toEqual([200, page.body]);
    expect((await kit.app.inject({ url: "/favicon.ico" })).statusCode).toBe(204);
    expect((await kit.app.inject({ url: "/dashboard/../package.json" })).statusCode).toBe(404);
    expect((await kit.app.inject({ url: "/dashboard/nothing.js" })).statusCode).toBe(404);
  });

  it("says how to build the dashboard when its files are missing", async () => {
    kit = await makeKit({ dashboardDir: join(assets, "missing") });
    const page = await kit.app.inject({ url: "/" });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
  });

  it("finds build/dashboard/ of the package from source, tsc output and the CLI bundle alike", () => {
    const root = mkdtempSync(join(tmpdir(), "superplane-package-"));
    writeFileSync(join(root, "package.json"), "{}");
    for (const folder of ["service/dashboard", "build/service/dashboard", "build/bundle"]) {
      mkdirSync(join(root, folder), { recursive: true });
      expect(defaultDashboardDir(join(root, folder, "module.js"))).toBe(join(root, "build", "dashboard"));
    }
    rmSync(root, { recursive: true, force: true });
  });

  it("sets no markup from data: nothing in the client assigns HTML", () => {
    const client = join(import.meta.dirname, "client");
    const files = readdirSync(client, { recursive: true, encoding: "utf8" })
      .map((name) => join(client, name))
      .filter((path) => path.endsWith(".ts") && statSync(path).isFile());
    expect(files.length).toBeGreaterThan(5);
    for (const path of files) {
      expect(readFileSync(path, "utf8"), path).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  });
});

describe("signing in", () => {
  it("trades a token for an HttpOnly SameSite=Strict cookie that reads but never writes", async () => {
    kit = await makeKit({ dashboardDir: assets });
    const signIn = await kit.app.inject({
      method: "POST",
      url: "/dashboard/session",
      payload: { token: kit.tokens.write },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toEqual({ org: "acme", scope: "read+write" });
    const setCookie = String(signIn.headers["set-cookie"]);
    expect(setCookie).toMatch(/^superplane_session=spl_tok_/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).not.toContain("Secure");
    const cookie = cookieOf(setCookie);
    const session = await kit.app.inject({ url: "/dashboard/session", headers: { cookie } });
    expect(session.json()).toEqual({ org: "acme", scope: "read+write" });
    const repos = await kit.app.inject({ url: "/v1/repos", headers: { cookie } });
    expect(repos.statusCode).toBe(200);
    // A forged request from another page carries the cookie, but a cookie never authorises a write.
    const write = await kit.app.inject({
      method: "POST",
      url: "/v1/runs",
      headers: { cookie },
      payload: selectionBody(kit.repoId),
    });
    expect(write.statusCode).toBe(401);
    const out = await kit.app.inject({ method: "POST", url: "/dashboard/session/end", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^superplane_session=; .*Max-Age=0/);
    expect((await kit.app.inject({ url: "/dashboard/session" })).statusCode).toBe(401);
  });

  it("refuses an unknown token, and a sign-in posted from another origin", async () => {
    kit = await makeKit({ dashboardDir: assets });
    const unknown = await kit.app.inject({
      method: "POST",
      url: "/dashboard/session",
      payload: { token: "spl_tok_nope" },
    });
    expect([unknown.statusCode, unknown.json().error.message, unknown.headers["set-cookie"]]).toEqual([
      401,
      "unknown token",
      undefined,
    ]);
    const forged = await kit.app.inject({
      method: "POST",
      url: "/dashboard/session",
      headers: { origin: "https://evil.example", host: "superplane.internal" },
      payload: { token: kit.tokens.read },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers["set-cookie"]).toBeUndefined();
    const same = await kit.app.inject({
      method: "POST",
      url: "/dashboard/session",
      headers: {
        origin: "https://superplane.internal",
        host: "superplane.internal",
        "x-forwarded-proto": "https",
      },
      payload: { token: kit.tokens.read },
    });
    expect(same.statusCode).toBe(200);
  });

  it("marks the cookie Secure behind HTTPS", async () => {
    kit = await makeKit({ dashboardDir: assets, trustProxy: true });
    const signIn = await kit.app.inject({
      method: "POST",
      url: "/dashboard/session",
      headers: { "x-forwarded-proto": "https" },
      payload: { token: kit.tokens.read },
    });
    expect(String(signIn.headers["set-cookie"])).toContain("Secure");
  });
});
