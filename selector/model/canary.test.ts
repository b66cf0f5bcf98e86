import { describe, expect, it } from "vitest";
import { type CanaryRun, canaryVerdict, commitDraw, missesOf, missRate } from "./canary.js";

const settings = { full_run_rate: 0.1, max_miss_rate: 0.01, window: 3 };

function run(
  id: string,
  failed: string[],
  shadows: Record<string, string[]>,
  flaky: string[] = [],
): CanaryRun {
  return {
    run_id: id,
    failed,
    flaky: new Set(flaky),
    shadows: Object.entries(shadows).map(([model, skipped]) => ({ model, skipped })),
  };
}

describe("commitDraw", () => {
  it("is uniform-looking and the same for the same commit", () => {
    const draws = Array.from({ length: 2000 }, (_, i) =>
      commitDraw("canary", i.toString(16).padStart(40, "0")),
    );
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    const share = draws.filter((d) => d < 0.1).length / draws.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    expect(commitDraw("canary", "abc")).toBe(commitDraw("canary", "abc"));
    expect(commitDraw("canary", "abc")).not.toBe(commitDraw("candidate", "abc"));
  });
});

describe("misses", () => {
  it("counts a failing test the shadow skipped, never a flaky failure", () => {
    const r = run("r1", ["a.test.ts", "b.test.ts", "c.test.ts"], { m1: ["a.test.ts", "c.test.ts"] }, [
      "c.test.ts",
    ]);
    expect(missesOf(r.shadows[0]!, r)).toEqual(["a.test.ts"]);
  });

  it("rates per run over the newest window runs that shadowed the model", () => {
    const runs = [
      run("r4", [], { m1: [] }),
      run("r3", ["a"], { m1: ["a"] }),
      run("r2", ["a"], { other: ["a"] }),
      run("r1", ["a"], { m1: ["a"] }),
      run("r0", ["a"], { m1: ["a"] }),
    ];
    expect(missRate(runs, "m1", 3)).toEqual({
      model: "m1",
      runs: 3,
      skipped: 2,
      missedRuns: 2,
      rate: 2 / 3,
      example: { run_id: "r3", test: "a" },
    });
  });
});

describe("canaryVerdict", () => {
  it("rolls back the serving model when its miss rate exceeds max_miss_rate, with the reason", () => {
    const verdict = canaryVerdict(
      [run("r1", ["t/a.test.ts"], { m2: ["t/a.test.ts"] })],
      "m2",
      undefined,
      settings,
    );
    expect(verdict.kind).toBe("rollback");
    expect(verdict.kind === "rollback" && verdict.reason).toBe(
      "model m2 missed failing tests in 1 of the last 1 full runs (100.0%), above max_miss_rate 1.0%; e.g. t/a.test.ts failed in r1",
    );
    expect(canaryVerdict([run("r1", [], { m2: ["t/a.test.ts"] })], "m2", undefined, settings).kind).toBe(
      "keep",
    );
  });

  it("promotes a candidate only when it missed no more than what serves and skipped more", () => {
    const clean = [
      run("r3", [], { s: [], c: ["x"] }),
      run("r2", ["y"], { s: [], c: [] }),
      run("r1", [], { s: [], c: [] }),
    ];
    expect(canaryVerdict(clean.slice(0, 2), "s", "c", settings).kind).toBe("keep");
    expect(canaryVerdict(clean, "s", "c", settings).kind).toBe("promote");
    const worse = [run("r3", ["x"], { s: [], c: ["x"] }), ...clean.slice(1)];
    expect(canaryVerdict(worse, "s", "c", { ...settings, max_miss_rate: 1 }).kind).toBe("reject");
    // Missing no more is not enough when it saves nothing: a model that runs everything never misses.
    const bigger = [
      run("r3", [], { s: ["x"], c: [] }),
      run("r2", [], { s: [], c: [] }),
      run("r1", [], { s: [], c: [] }),
    ];
    expect(canaryVerdict(bigger, "s", "c", settings).kind).toBe("reject");
    // Selecting as much as what serves brings nothing, even when it misses less.
    const same = clean.map((r) => ({ ...r, shadows: r.shadows.map((sh) => ({ ...sh, skipped: [] })) }));
    expect(canaryVerdict(same, "s", "c", settings).kind).toBe("reject");
    const safer = [run("r3", ["y"], { s: ["y"], c: [] }), ...clean.slice(1)];
    expect(canaryVerdict(safer, "s", "c", { ...settings, max_miss_rate: 1 }).kind).toBe("reject");
  });

  it("rolls back a serving model that skipped fewer tests than the graph alone on the same runs", () => {
    const runs = [
      run("r2", [], { "cold-start": ["a", "b"], m1: ["a"] }),
      run("r1", [], { "cold-start": ["a"], m1: ["a"] }),
    ];
    const verdict = canaryVerdict(runs, "m1", undefined, settings, "cold-start");
    expect(verdict.kind === "rollback" && verdict.reason).toBe(
      "model m1 selected more than the graph alone over the last 2 full runs: it would have skipped 2 tests, the graph alone 3",
    );
    // Skipping fewer on one commit is fine when it skips more over the window.
    const helps = [runs[0]!, run("r1", [], { "cold-start": ["a"], m1: ["a", "c", "d"] })];
    expect(canaryVerdict(helps, "m1", undefined, settings, "cold-start").kind).toBe("keep");
  });
});
