import { afterEach, describe, expect, it } from "vitest";
import { type Kit, makeKit, SHA, selectionBody } from "../../test/support/service-kit.js";
import { DEFAULT_BODY_LIMIT } from "../app.js";

let kit: Kit;
afterEach(() => kit.close());

const errorOf = (body: string) => JSON.parse(body).error;
const blob = (c: string) => c.repeat(40);
const OTHER_SHA = "b".repeat(40);

function record(test: string, units: number[] | "all", commit?: string) {
  return {
    version: 1,
    test,
    ...(commit ? { commit } : {}),
    files: [
      { path: "src/math.ts", blob: blob("1"), units },
      { path: test, blob: blob("2"), units: "all" as const },
      // Read as text by the test: the flag travels with the record.
      { path: "fixtures/input.json", blob: blob("3"), units: "all" as const, read: true as const },
    ],
  };
}

const url = (repoId: string) => `/v1/repos/${repoId}/coverage`;

async function put(payload: unknown, token = kit.tokens.write, repoId = kit.repoId) {
  return kit.call(token, { method: "PUT", url: url(repoId), payload: payload as Record<string, unknown> });
}

async function query(tests: string[], token = kit.tokens.read, repoId = kit.repoId) {
  return kit.call(token, { method: "POST", url: `${url(repoId)}/query`, payload: { tests } });
}

describe("coverage records", () => {
  it("stores a run's records, replaces a test's record on the next upload and answers a query", async () => {
    kit = await makeKit();
    const math = record("test/math.test.ts", [0, 3]);
    const text = record("test/text.test.ts", "all", OTHER_SHA);
    const first = await put({ commit_sha: SHA, records: [math, text] });
    expect([first.statusCode, first.json()]).toEqual([200, { stored: 2 }]);
    const answer = await query(["test/text.test.ts", "test/none.test.ts", "test/math.test.ts"]);
    expect([answer.statusCode, answer.json()]).toEqual([200, { records: [text, { ...math, commit: SHA }] }]);
    kit.clock.advance(60_000);
    const newer = record("test/math.test.ts", [1]);
    expect((await put({ commit_sha: OTHER_SHA, records: [newer] })).json()).toEqual({ stored: 1 });
    expect((await query(["test/math.test.ts"])).json()).toEqual({
      records: [{ ...newer, commit: OTHER_SHA }],
    });
    // A test run twice in one upload (a retry): the last record is the one kept.
    const rerun = record("test/math.test.ts", [2]);
    expect((await put({ commit_sha: SHA, records: [newer, rerun] })).json()).toEqual({ stored: 1 });
    expect((await query(["test/math.test.ts"])).json().records[0].files[0].units).toEqual([2]);
  });

  it("forgets every record of the repository", async () => {
    kit = await makeKit();
    await put({ commit_sha: SHA, records: [record("test/a.test.ts", [0]), record("test/b.test.ts", [1])] });
    const deleted = await kit.call(kit.tokens.write, { method: "DELETE", url: url(kit.repoId) });
    expect([deleted.statusCode, deleted.json()]).toEqual([200, { deleted: 2 }]);
    expect((await query(["test/a.test.ts", "test/b.test.ts"])).json()).toEqual({ records: [] });
    const again = await kit.call(kit.tokens.write, { method: "DELETE", url: url(kit.repoId) });
    expect(again.json()).toEqual({ deleted: 0 });
  });

  it("answers an unknown or another organization's repository with NOT_FOUND", async () => {
    kit = await makeKit();
    await put({ commit_sha: SHA, records: [record("test/a.test.ts", [0])] });
    const otherRepo = await kit.storage.connectRepo(kit.otherOrgId, "globex/app", kit.clock.now());
    for (const repoId of ["repo_missing", otherRepo.id]) {
      const calls = [
        put({ commit_sha: SHA, records: [] }, kit.tokens.write, repoId),
        query(["test/a.test.ts"], kit.tokens.read, repoId),
        kit.call(kit.tokens.write, { method: "DELETE", url: url(repoId) }),
      ];
      for (const response of await Promise.all(calls)) {
        expect([response.statusCode, errorOf(response.body).code, errorOf(response.body).message]).toEqual([
          404,
          "NOT_FOUND",
          `repository ${repoId} not found`,
        ]);
      }
    }
    // Another organization's token sees nothing of this repository either.
    const foreign = await query(["test/a.test.ts"], kit.tokens.other);
    expect([foreign.statusCode, errorOf(foreign.body).code]).toEqual([404, "NOT_FOUND"]);
    expect((await query(["test/a.test.ts"])).json().records).toHaveLength(1);
  });

  it("lets a read token query but not upload or delete", async () => {
    kit = await makeKit();
    const upload = await put({ commit_sha: SHA, records: [] }, kit.tokens.read);
    const remove = await kit.call(kit.tokens.read, { method: "DELETE", url: url(kit.repoId) });
    for (const response of [upload, remove]) {
      expect([response.statusCode, errorOf(response.body).code]).toEqual([403, "SCOPE_DENIED"]);
    }
    expect((await query([], kit.tokens.read)).json()).toEqual({ records: [] });
  });

  it("names the field of an invalid upload or query", async () => {
    kit = await makeKit();
    const good = record("test/a.test.ts", [0]);
    const file = good.files[0]!;
    const cases: [unknown, string][] = [
      [{ records: [good] }, "body.commit_sha: is required"],
      [{ commit_sha: "main", records: [good] }, 'body.commit_sha: must match pattern "^[0-9a-f]{7,64}$"'],
      [{ commit_sha: SHA, records: [{ ...good, version: 0 }] }, "body.records[0].version: must be >= 1"],
      [{ commit_sha: SHA, records: [{ ...good, version: 1.5 }] }, "body.records[0].version: must be integer"],
      [
        { commit_sha: SHA, records: [{ ...good, test: "" }] },
        "body.records[0].test: must NOT have fewer than 1 characters",
      ],
      [
        { commit_sha: SHA, records: [{ ...good, files: [{ ...file, blob: "abc" }] }] },
        'body.records[0].files[0].blob: must match pattern "^(?:[0-9a-f]{40}|[0-9a-f]{64})$"',
      ],
      [
        { commit_sha: SHA, records: [{ ...good, files: [{ ...file, units: [0, -1] }] }] },
        "body.records[0].files[0].units[1]: must be >= 0",
      ],
      [
        { commit_sha: SHA, records: [{ ...good, files: [{ ...file, units: "some" }] }] },
        "body.records[0].files[0].units: must be array",
      ],
      [
        { commit_sha: SHA, records: [{ ...good, files: [{ ...file, path: undefined }] }] },
        "body.records[0].files[0].path: is required",
      ],
      [
        { commit_sha: SHA, records: [{ ...good, files: Array.from({ length: 100_001 }, () => file) }] },
        "body.records[0].files: must NOT have more than 100000 items",
      ],
    ];
    for (const [payload, message] of cases) {
      const response = await put(payload);
      expect([response.statusCode, errorOf(response.body).code, errorOf(response.body).message]).toEqual([
        400,
        "VALIDATION_FAILED",
        message,
      ]);
    }
    const badQuery = await kit.call(kit.tokens.read, {
      method: "POST",
      url: `${url(kit.repoId)}/query`,
      payload: { tests: [""] },
    });
    expect([badQuery.statusCode, errorOf(badQuery.body).message]).toEqual([
      400,
      "body.tests[0]: must NOT have fewer than 1 characters",
    ]);
    expect((await query(["test/a.test.ts"])).json()).toEqual({ records: [] });
  });

  it("takes an upload far over the app's body limit, which every other route still applies", async () => {
    kit = await makeKit();
    const units = Array.from({ length: 100_000 }, (_, i) => i);
    const records = Array.from({ length: 30 }, (_, i) => ({
      version: 1,
      test: `test/t${i}.test.ts`,
      files: [{ path: "src/big.ts", blob: blob("3"), units }],
    }));
    const payload = JSON.stringify({ commit_sha: SHA, records });
    expect(payload.length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    const headers = { "content-type": "application/json" };
    const stored = await kit.call(kit.tokens.write, {
      method: "PUT",
      url: url(kit.repoId),
      headers,
      payload,
    });
    expect([stored.statusCode, stored.json()]).toEqual([200, { stored: 30 }]);
    const [back] = (await query(["test/t29.test.ts"])).json().records;
    expect(back.files[0].units).toEqual(units);
    const elsewhere = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/selection",
      headers,
      payload,
    });
    expect([elsewhere.statusCode, errorOf(elsewhere.body).code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });
});

describe("coverage verdicts in a selection", () => {
  const CLEARED =
    "coverage recorded at aaaaaaaaaaaa: it ran none of the changed functions of the 1 file it loaded that changed, and loading them runs the same code";
  const GRAPH = "graph: src/math.ts -> test/math.test.ts; uses changed add";

  async function decisionOf(extra: Record<string, unknown>) {
    const body = selectionBody(kit.repoId);
    const tests = [{ ...body.tests[0]!, ...extra }, body.tests[1]!];
    const response = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/selection",
      payload: { ...body, tests },
    });
    expect(response.statusCode).toBe(200);
    return response.json().decisions[0];
  }

  it("skips a test that uses a changed name when its coverage shows it ran none of the change", async () => {
    kit = await makeKit();
    const clear = { clear: true, commit: SHA, files: 1 };
    expect(await decisionOf({ coverage: clear })).toEqual({
      test_path: "test/math.test.ts",
      selected: false,
      confidence: 0.063,
      reasons: [GRAPH, CLEARED],
    });
    const kept = { test_path: "test/math.test.ts", selected: true, confidence: 0.9734, reasons: [GRAPH] };
    expect(await decisionOf({ coverage: clear, coverage_blind: true })).toEqual(kept);
    expect(await decisionOf({ coverage: clear, type_checked: true })).toEqual(kept);
    expect(
      await decisionOf({ coverage: { clear: false, reason: "it ran a changed function of src/math.ts" } }),
    ).toEqual(kept);
  });

  it("names the field of a malformed verdict", async () => {
    kit = await makeKit();
    const body = selectionBody(kit.repoId);
    const response = await kit.call(kit.tokens.write, {
      method: "POST",
      url: "/v1/selection",
      payload: { ...body, tests: [{ ...body.tests[0]!, coverage: { clear: true, files: -1 } }] },
    });
    expect([response.statusCode, errorOf(response.body).message]).toEqual([
      400,
      "body.tests[0].coverage.files: must be >= 0",
    ]);
  });
});
