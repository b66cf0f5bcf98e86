import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/support/databases.js";
import { selectionBody } from "../../test/support/service-kit.js";
import { buildApp } from "../app.js";
import { mintToken } from "../auth/api-token.js";
import type { Storage } from "../storage/storage.js";

/**
 * Client mistakes and hostile bodies answer 4xx with the documented error, never 500: the parser,
 * the validator, the YAML library and the database must each refuse them before they fail.
 */

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

const junit = (name: string) =>
  `<testsuites><testsuite name="s"><testcase classname="${name}" name="t"/></testsuite></testsuites>`;

describe.each(testDatabases())("hostile input on $name", (database) => {
  let storage: Storage;
  let app: FastifyInstance;
  let token: string;
  let repoId: string;
  let runId: string;

  beforeAll(async () => {
    storage = await database.open();
    const org = await storage.ensureOrganization("acme", new Date());
    const minted = mintToken();
    await storage.createToken(org.id, "read+write", minted.hash, new Date());
    token = minted.token;
    repoId = (await storage.connectRepo(org.id, "acme/web", new Date())).id;
    app = await buildApp({ storage });
    const run = await post("/v1/runs", selectionBody(repoId));
    expect(run.statusCode).toBe(201);
    runId = run.json().id;
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  function post(url: string, payload: unknown, contentType = "application/json") {
    return app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
  }

  const answer = (response: {
    statusCode: number;
    json(): { error?: { code: string; message: string } };
  }) => ({
    status: response.statusCode,
    code: response.json().error?.code,
    message: response.json().error?.message,
  });

  it("refuses JUnit XML that declares entities", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${junit("&b;")}`;
    expect(answer(await post(`/v1/runs/${runId}/results`, xml, "application/xml"))).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      message: "JUnit XML must not declare a DOCTYPE or entities",
    });
  });

  it("refuses JUnit XML nested past any report's depth", async () => {
    const xml = `<testsuites>${"<testsuite>".repeat(20_000)}${"</testsuite>".repeat(20_000)}</testsuites>`;
    expect(answer(await post(`/v1/runs/${runId}/results`, xml, "application/xml"))).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/^JUnit XML is nested deeper than \d+ elements$/),
    });
  });

  it("refuses a JUnit test name longer than a JSON test_path may be", async () => {
    const response = await post(`/v1/runs/${runId}/results`, junit("x".repeat(200_000)), "application/xml");
    expect(answer(response)).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/^JUnit: test file name of 200000 characters \(at most 1024\)/),
    });
  });

  it("refuses a 1,000-deep policy object", async () => {
    const response = await post("/v1/runs", { ...selectionBody(repoId), policy: nested(1000) });
    expect(answer(response)).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/^body: nested deeper than \d+ levels$/),
    });
  });

  it("refuses policy YAML nested past what its parser can read", async () => {
    const policy = `version: 1\nalways_run: ${"[".repeat(30_000)}${"]".repeat(30_000)}\n`;
    expect(answer(await post("/v1/runs", { ...selectionBody(repoId), policy }))).toEqual({
      status: 422,
      code: "POLICY_INVALID",
      message: ".superplane/policy.yml: nested too deeply to read",
    });
  });

  it("refuses deeply nested unknown keys in tests[].features", async () => {
    const body = selectionBody(repoId);
    const features = { ...body.tests[0]!.features, extra: "DEEP" };
    // Written out by hand: JSON.stringify itself overflows at this depth.
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const text = JSON.stringify({ ...body, tests: [{ ...body.tests[0]!, features }] }).replace(
      '"DEEP"',
      deep,
    );
    const response = await post("/v1/selection", text);
    expect(answer(response)).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
  });

  it("refuses NUL characters in a path, in JSON and in JUnit", async () => {
    const body = selectionBody(repoId);
    const tests = [{ ...body.tests[0]!, path: "test/a\u0000.test.ts" }];
    expect(answer(await post("/v1/runs", { ...body, tests }))).toEqual({
      status: 400,
      code: "VALIDATION_FAILED",
      message: "body.tests[0].path: must not contain NUL characters",
    });
    const results = [{ test_path: "test/\u0000", outcome: "passed", duration_ms: 1 }];
    expect(answer(await post(`/v1/runs/${runId}/results`, { results }))).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
    });
  });

  it("refuses a page number past any page", async () => {
    for (const page of ["1e308", "9007199254740993", "100001"]) {
      const response = await app.inject({
        url: `/v1/runs?page=${page}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer(response)).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    }
    const last = await app.inject({
      url: "/v1/runs?page=100000",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(last.statusCode).toBe(200);
  });
});
