import { afterEach, describe, expect, it } from "vitest";
import { compactBody, decisionsOf } from "../../action/service/selection-wire.js";
import { selectionBody as largeBody } from "../../test/bench/selection-body.js";
import { type Kit, makeKit, selectionBody } from "../../test/support/service-kit.js";

// The compact wire format (contract/test-columns.ts, contract/decision-columns.ts): the tests as
// columns in, the decisions as columns out, and whatever form came in, the same run stored.

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return kit.call(kit.tokens.write, {
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers,
  });
}

/** The run as `GET /v1/runs/:id` answers it, without what differs between two runs of one input. */
async function storedRun(id: string) {
  const response = await kit.call(kit.tokens.read, { url: `/v1/runs/${id}` });
  expect(response.statusCode).toBe(200);
  const { id: _id, created_at: _created, updated_at: _updated, ...run } = response.json();
  return run;
}

/** An answer without its decisions and what differs between two runs of one input. */
function theRest(answer: Record<string, unknown>) {
  const { decisions: _d, decision_columns: _c, run_id: _r, id: _i, timings: _t, ...rest } = answer;
  const { created_at: _created, updated_at: _updated, ...same } = rest;
  return same;
}

/** A 3,000-test body: past the answer's slicing threshold, a fifth of its tests with graph paths. */
const shape = { tests: 3_000, changedFiles: 40, reachableShare: 0.2 };

describe("tests as columns", () => {
  it("stores the same run, decisions and features included, as the same tests sent as objects", async () => {
    kit = await makeKit();
    const body = largeBody(kit.repoId, shape);
    for (const url of ["/v1/selection", "/v1/runs"]) {
      const objects = await post(url, body);
      const columns = await post(url, { ...compactBody(body), answer: "decisions" });
      expect([objects.statusCode, columns.statusCode]).toEqual(url === "/v1/runs" ? [201, 201] : [200, 200]);
      const [a, b] = [objects.json(), columns.json()];
      expect(b.decisions).toEqual(a.decisions);
      const [idA, idB] = url === "/v1/runs" ? [a.id, b.id] : [a.run_id, b.run_id];
      const [storedA, storedB] = [
        await kit.storage.getRun(kit.orgId, idA),
        await kit.storage.getRun(kit.orgId, idB),
      ];
      expect(storedB!.decisions).toEqual(storedA!.decisions);
      expect(storedB!.decisions.filter((d) => d.features.reachable).length).toBeGreaterThan(500);
      expect(await storedRun(idB)).toEqual(await storedRun(idA));
    }
  });

  it("puts each test's details on the test its index names", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const { test_columns } = compactBody(body);
    expect(test_columns.details).toEqual([
      { index: 0, graph_path: ["src/math.ts", "test/math.test.ts"], used_names: ["add"] },
    ]);
    const response = await post("/v1/selection", { ...body, tests: undefined, test_columns });
    expect(response.json().decisions).toEqual((await post("/v1/selection", body)).json().decisions);
  });

  it("names the field when the columns disagree, an index is out of range, or both forms come", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const columns = compactBody(body).test_columns;
    const { tests: _tests, ...rest } = body;
    const cases: [unknown, number, string][] = [
      [
        { ...columns, features: { ...columns.features, distance: [1] } },
        400,
        "body.test_columns.features.distance: 1 values for 2 paths (one a test)",
      ],
      [
        { ...columns, details: [{ index: 2, used_names: ["x"] }] },
        400,
        "body.test_columns.details[0].index: 2 is out of range (2 tests, 0-based)",
      ],
      [
        {
          ...columns,
          details: [
            { index: 1, used_names: ["x"] },
            { index: 1, forced: ["y"] },
          ],
        },
        400,
        "body.test_columns.details[1].index: test 1 already has details (details[0]); one entry a test",
      ],
      [
        { ...columns, features: { ...columns.features, maxFanIn: [1, -1] } },
        400,
        "body.test_columns.features.maxFanIn[1]: must be >= 0",
      ],
      [
        { ...columns, features: { ...columns.features, typeTest: undefined } },
        400,
        "body.test_columns.features.typeTest: is required",
      ],
      [
        { ...columns, path: ["a", ""] },
        400,
        "body.test_columns.path[1]: must NOT have fewer than 1 characters",
      ],
    ];
    for (const [test_columns, status, message] of cases) {
      const response = await post("/v1/selection", { ...rest, test_columns });
      expect([response.statusCode, errorOf(response.body).message]).toEqual([status, message]);
    }
    const both = await post("/v1/selection", { ...body, test_columns: columns });
    expect(errorOf(both.body).message).toBe(
      "body: tests and test_columns are two forms of one list; send one of them",
    );
    const neither = await post("/v1/selection", rest);
    expect([neither.statusCode, errorOf(neither.body).message]).toEqual([400, "body.tests: is required"]);
    // Refused whole: nothing stored.
    expect(await kit.storage.listRuns(kit.orgId, { page: 1, perPage: 10 })).toMatchObject({ total: 0 });
  });

  it("drops a feature column it does not know, as it drops an unknown key of a test's features", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const columns = compactBody(body).test_columns;
    const { tests: _tests, ...rest } = body;
    const features = { ...columns.features, mentionDepth: [3, 0] };
    const response = await post("/v1/runs", { ...rest, test_columns: { ...columns, features } });
    expect(response.statusCode).toBe(201);
    const stored = await kit.storage.getRun(kit.orgId, response.json().id);
    for (const decision of stored!.decisions) expect(decision.features).not.toHaveProperty("mentionDepth");
  });

  it("answers 413 naming the limit past 100,000 paths", async () => {
    kit = await makeKit();
    const { tests: _tests, ...rest } = selectionBody(kit.repoId);
    const path = Array.from({ length: 100_001 }, (_, i) => `t${i}`);
    const response = await post("/v1/selection", { ...rest, test_columns: { path, features: {} } });
    expect([response.statusCode, errorOf(response.body).limit]).toEqual([
      413,
      { name: "selection_tests", max: 100_000 },
    ]);
  });
});

describe("decisions as columns", () => {
  it("answers `decision_columns` when asked, the same decisions as the default answer, in its order", async () => {
    kit = await makeKit();
    const large = largeBody(kit.repoId, shape);
    // In path order (as the action sends them: the stored record's columns are the answer's), and not.
    const bodies = [selectionBody(kit.repoId), large, { ...large, tests: [...large.tests].reverse() }];
    for (const body of bodies) {
      const tests = body.tests.length;
      for (const url of ["/v1/selection", "/v1/runs"]) {
        const plain = (await post(url, body)).json();
        expect(plain).not.toHaveProperty("decision_columns");
        const compact = (await post(url, compactBody(body))).json();
        expect(compact.decisions).toEqual([]);
        expect(compact.decision_columns.test_path).toHaveLength(tests);
        expect(decisionsOf(compact)).toEqual(plain.decisions);
        expect(theRest(compact)).toEqual(theRest(plain));
      }
    }
  });

  it("keeps each distinct reason once", async () => {
    kit = await makeKit();
    const compact = (await post("/v1/selection", compactBody(largeBody(kit.repoId, shape)))).json();
    const { reason_table, reasons } = compact.decision_columns;
    expect(new Set(reason_table).size).toBe(reason_table.length);
    expect(reason_table.length).toBeLessThan(reasons.length / 2);
  });

  it("replays the first answer, columns and all, to a retry with the same Idempotency-Key", async () => {
    kit = await makeKit();
    const body = compactBody(largeBody(kit.repoId, shape));
    const first = await post("/v1/runs", body, { "idempotency-key": "columns-1" });
    const again = await post("/v1/runs", body, { "idempotency-key": "columns-1" });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await kit.storage.listRuns(kit.orgId, { page: 1, perPage: 10 })).toMatchObject({ total: 1 });
  });
});
