import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "../support/service-kit.js";
import { fencedBlocks } from "./guide-blocks.js";

// docs/api.md's examples, sent to a real service: each request's answer is the page's answer, and
// the two forms of the tests store the same run.

const PAGE = fileURLToPath(new URL("../../docs/api.md", import.meta.url));

/** The page's `json request|answer NAME` blocks, parsed, by "request NAME" / "answer NAME". */
function examples(): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const block of fencedBlocks(readFileSync(PAGE, "utf8"))) {
    const [language, kind, name] = block.info;
    if (language !== "json" || !kind || !name) continue;
    found.set(`${kind} ${name}`, JSON.parse(block.body));
  }
  return found;
}

/** What differs between two runs of one input: the run's id and the time deciding took. */
const comparable = ({ run_id: _id, timings: _timings, ...rest }: Record<string, unknown>) => rest;

let kit: Kit;
beforeAll(async () => {
  kit = await makeKit();
});
afterAll(() => kit.close());

describe("docs/api.md", () => {
  const shown = examples();

  it("shows both forms of the request and of the answer", () => {
    expect([...shown.keys()].sort()).toEqual([
      "answer columns",
      "answer decisions",
      "request columns",
      "request objects",
    ]);
  });

  it("answers each request as the page shows, and both forms store the same run", async () => {
    const runs: unknown[] = [];
    for (const [request, answer] of [
      ["request objects", "answer decisions"],
      ["request columns", "answer columns"],
    ] as const) {
      const response = await kit.call(kit.tokens.write, {
        method: "POST",
        url: "/v1/selection",
        payload: { ...shown.get(request)!, repo_id: kit.repoId },
      });
      expect(response.statusCode).toBe(200);
      expect(comparable(response.json())).toEqual(comparable(shown.get(answer)!));
      const run = await kit.call(kit.tokens.read, { url: `/v1/runs/${response.json().run_id}` });
      const { id: _id, created_at: _created, updated_at: _updated, ...stored } = run.json();
      runs.push(stored);
    }
    expect(runs[1]).toEqual(runs[0]);
  });
});
