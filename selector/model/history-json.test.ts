import { describe, expect, it } from "vitest";
import { addRun, emptyFailureStats } from "./history.js";
import { failureStatsFromJson, failureStatsToJson } from "./history-json.js";

describe("failure stats as JSON", () => {
  it("round-trips through JSON text", () => {
    const stats = emptyFailureStats();
    addRun(stats, { changedFiles: ["src/a.ts"], outcomes: new Map([["a.test.ts", "failed"]]) });
    addRun(stats, { changedFiles: ["src/b.ts"], outcomes: new Map([["a.test.ts", "flaky"]]) });
    const text = JSON.stringify(failureStatsToJson(stats));
    expect(failureStatsFromJson(JSON.parse(text))).toEqual(stats);
    expect(failureStatsFromJson(undefined)).toEqual(emptyFailureStats());
  });
});
