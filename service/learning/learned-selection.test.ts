import { afterEach, describe, expect, it } from "vitest";
import { unreachableFeatures } from "../../selector/model/features.js";
import { NO_HISTORY } from "../../selector/model/history.js";
import { trainModel } from "../../selector/model/train.js";
import { inputVector } from "../../selector/model/trained-model.js";
import { defaultPolicy } from "../../selector/policy/parse-policy.js";
import type { SelectionRequest } from "../schemas/selection.js";
import { openStorage } from "../storage/kysely-storage.js";
import type { Storage } from "../storage/storage.js";
import { SHA, START, selectionBody } from "../test-kit.js";
import { learnedSelection } from "./learned-selection.js";

let storage: Storage;
afterEach(() => storage.close());

function candidate() {
  const hit = { ...unreachableFeatures(false), reachable: true, symbolHit: true, distance: 1 };
  const examples = Array.from({ length: 20 }, (_, i) => ({
    x: inputVector(i % 2 === 0 ? hit : unreachableFeatures(false), NO_HISTORY),
    failed: i % 4 === 0,
  }));
  return trainModel(examples, { steps: 50 })!;
}

describe("shadow selections", () => {
  it("judge coverage verdicts as the real selection does", async () => {
    storage = await openStorage({ url: ":memory:" });
    const orgId = (await storage.ensureOrganization("acme", START)).id;
    const repoId = (await storage.connectRepo(orgId, "acme/web", START)).id;
    await storage.learning.addCandidate(orgId, repoId, candidate(), START);
    const policy = { ...defaultPolicy(), canary: { full_run_rate: 1, max_miss_rate: 0.01, window: 3 } };
    const body = selectionBody(repoId) as SelectionRequest;
    const math = body.tests[0]!;
    const clear = { clear: true as const, commit: SHA, files: 1 };
    const input = {
      ...body,
      tests: [
        { ...math, coverage: clear },
        { ...math, path: "test/blind.test.ts", coverage: clear, coverage_blind: true },
      ],
    };
    const learned = await learnedSelection(storage, orgId, repoId, input, policy);
    expect(learned.record.is_canary).toBe(true);
    const [coldStart] = learned.shadows(0.85);
    expect(coldStart).toEqual({ model: "cold-start", skipped: ["test/math.test.ts"] });
  });
});
