import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { type LoopbackService, startLoopbackService } from "../../test/e2e/loopback-service.js";
import { RunAnswer } from "./answers.js";
import { HttpClient } from "./http-client.js";
import { refusedColumns, ServiceApi } from "./service-api.js";

// Every call the action makes, against the real service: the checks the action runs on answers
// (./answers.ts, picked from contract/) accept what the service, validating with the same
// schemas, actually sends.

const HEAD = "a".repeat(40);
const BLOB = "b".repeat(40);
const TESTS = ["test/add.test.ts", "test/mul.test.ts"];

let dir: string;
let service: LoopbackService;
let http: HttpClient;
let api: ServiceApi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "superplane-service-api-"));
  service = await startLoopbackService(dir);
  http = new HttpClient({ baseUrl: service.apiUrl, token: service.token });
  api = new ServiceApi(http, "1.1.test.job");
}, 30_000);

afterAll(async () => {
  await http.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const selection = (repoId: string) => ({
  repo_id: repoId,
  commit_sha: HEAD,
  changed_files: [],
  tests: TESTS.map((path) => ({ path, features: unreachableFeatures(false) })),
  full_reason: "first run",
});

describe("the action's calls against the real service", () => {
  it("selects, runs, reports results and reads the run back", async () => {
    const repoId = await api.connectRepo("acme/calc");
    expect(await api.connectRepo("acme/calc")).toBe(repoId);

    const selected = await api.decide(selection(repoId), undefined);
    expect(selected).toMatchObject({ mode: "full", fullReason: "first run" });
    expect(selected.decisions.map((d) => [d.test_path, d.selected])).toEqual(TESTS.map((t) => [t, true]));

    const run = await api.decide(selection(repoId), { policyRef: `${HEAD}:.superplane/policy.yml` });
    expect(run.runId).not.toBe(selected.runId);
    expect(await api.getRun(run.runId)).toEqual(
      expect.objectContaining({ id: run.runId, repo_id: repoId, commit_sha: HEAD, status: "running" }),
    );

    const answer = await api.reportResults(
      run.runId,
      {
        results: [{ test_path: TESTS[0]!, outcome: "passed", duration_ms: 1200 }],
        unmapped: [
          { test_path: "elsewhere.test.ts", outcome: "passed", duration_ms: 5, reason: "no such test" },
        ],
        duration_ms: 3000,
      },
      undefined,
    );
    expect(answer.warnings.map((w) => w.code)).toEqual(["UNMAPPED"]);
    expect(answer.results.map((r) => r.test_path)).toEqual([TESTS[0]]);

    const junit = `<testsuites><testsuite name="${TESTS[1]}"><testcase classname="${TESTS[1]}" name="muls" time="0.5"/></testsuite></testsuites>`;
    const reported = await api.reportJUnit(run.runId, junit);
    expect(reported.status).toBe("passed");
  });

  // test/sub.test.ts: a file the first test reported nothing for, so the upload is the newest.
  it("stores and reads coverage and durations", async () => {
    const repoId = await api.connectRepo("acme/calc");
    const record = { version: 1, test: TESTS[0]!, files: [{ path: "src/add.ts", blob: BLOB, units: [0] }] };
    expect(await api.uploadCoverage(repoId, HEAD, [record])).toBe(1);
    expect(await api.coverageRecords(repoId, TESTS)).toEqual([{ ...record, commit: HEAD }]);

    const measured = {
      test_path: "test/sub.test.ts",
      duration_ms: 700,
      measured_at: "2026-01-02T03:04:05.000Z",
      commit_sha: HEAD,
    };
    expect(await api.uploadDurations(repoId, [measured])).toBe(1);
    expect((await api.lastDurations(repoId)).get("test/sub.test.ts")).toBe(700);
  });
});

/** Every request body the client sends, as text (bodies under GZIP_FROM go plain), recorded on the way out. */
function recordingDispatcher(sent: string[]) {
  return new Agent().compose((dispatch) => (options, handler) => {
    if (typeof options.body === "string") sent.push(options.body);
    return dispatch(options, handler);
  });
}

describe("the compact wire format against the real service", () => {
  it("sends the tests as columns, asks for the decisions as columns, and reads them back as decisions", async () => {
    const sent: string[] = [];
    const client = new HttpClient({
      baseUrl: service.apiUrl,
      token: service.token,
      dispatcher: recordingDispatcher(sent),
    });
    try {
      const compactApi = new ServiceApi(client, "2.1.test.job");
      const repoId = await compactApi.connectRepo("acme/columns");
      const body = {
        repo_id: repoId,
        commit_sha: HEAD,
        changed_files: [{ path: "src/add.ts", status: "modified" }],
        tests: [
          {
            path: TESTS[0]!,
            features: { ...unreachableFeatures(false), reachable: true, distance: 1, symbolHit: true },
            graph_path: ["src/add.ts", TESTS[0]!],
            used_names: ["add"],
          },
          { path: TESTS[1]!, features: unreachableFeatures(false) },
        ],
      };
      for (const start of [undefined, { policyRef: `${HEAD}:.superplane/policy.yml` }]) {
        const decided = await compactApi.decide(body, start);
        const wire = JSON.parse(sent.at(-1)!);
        expect(wire).not.toHaveProperty("tests");
        expect(wire.answer).toBe("columns");
        expect(wire.test_columns.path).toEqual(TESTS);
        expect(wire.test_columns.details).toEqual([
          { index: 0, graph_path: ["src/add.ts", TESTS[0]], used_names: ["add"] },
        ]);
        expect(decided.decisions).toEqual([
          {
            test_path: TESTS[0],
            selected: true,
            confidence: expect.any(Number),
            reasons: ["graph: src/add.ts -> test/add.test.ts; uses changed add"],
          },
          {
            test_path: TESTS[1],
            selected: false,
            confidence: expect.any(Number),
            reasons: ["no import path from a changed file"],
          },
        ]);
        // The run the service stored, read back in the default form: the same decisions.
        const stored = await client.call({
          method: "GET",
          path: `/runs/${decided.runId}`,
          schema: RunAnswer,
        });
        expect(stored.decisions).toEqual(decided.decisions);
      }
    } finally {
      await client.close();
    }
  });

  it("knows a service without columns by its answer to a body without `tests`", async () => {
    const repoId = await api.connectRepo("acme/calc");
    const { tests: _tests, ...body } = selection(repoId);
    const refused = await http
      .call({
        method: "POST",
        path: "/selection",
        body: { type: "application/json", data: JSON.stringify(body) },
        schema: RunAnswer,
      })
      .catch((error: unknown) => error);
    expect(refusedColumns(refused)).toBe(true);
    const other = await http
      .call({
        method: "POST",
        path: "/selection",
        body: { type: "application/json", data: JSON.stringify({ ...selection(repoId), commit_sha: "x" }) },
        schema: RunAnswer,
      })
      .catch((error: unknown) => error);
    expect(refusedColumns(other)).toBe(false);
  });
});
