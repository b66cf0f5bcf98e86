import { describe, expect, it } from "vitest";
import type { FileDuration } from "../../selector/state/file-times.js";
import { commandWallMs, fillFromBatches, withFilesMs } from "./batch-times.js";

const d = (test_path: string, duration_ms: number, source: FileDuration["source"]): FileDuration => ({
  test_path,
  duration_ms,
  source,
});

describe("each file's share of its batch's wall time", () => {
  it("divides what the reports leave unaccounted equally among the files the runner did not time", () => {
    // Vitest without the reporter: a file whose import takes 2 s reports ~0 ms of tests.
    const filled = fillFromBatches(
      [d("slow-import.test.ts", 1, "report"), d("slow-test.test.ts", 300, "report")],
      [{ tests: ["slow-import.test.ts", "slow-test.test.ts"], wall_ms: 2901 }],
    );
    expect(filled).toEqual([
      d("slow-import.test.ts", 1301, "report"),
      d("slow-test.test.ts", 1600, "report"),
    ]);
  });

  it("scales the runner's file times down for workers side by side; adds each file's start-up evenly", () => {
    // Two workers: 3 s of files in 1.5 s of wall time.
    const side = fillFromBatches(
      [d("a.test.ts", 2000, "runner"), d("b.test.ts", 1000, "runner")],
      [{ tests: ["a.test.ts", "b.test.ts"], wall_ms: 1500 }],
    );
    expect(side).toEqual([d("a.test.ts", 1000, "runner"), d("b.test.ts", 500, "runner")]);
    // One worker: each file's worker start-up is in no file's time, and each file paid one.
    const serial = fillFromBatches(
      [d("a.test.ts", 2000, "runner"), d("b.test.ts", 1000, "runner")],
      [{ tests: ["a.test.ts", "b.test.ts"], wall_ms: 4500 }],
    );
    expect(serial).toEqual([d("a.test.ts", 2750, "runner"), d("b.test.ts", 1750, "runner")]);
  });

  it("makes each batch's files add up to its wall time, and leaves files of no batch alone", () => {
    const durations = [
      d("a.test.ts", 900, "runner"),
      d("b.test.ts", 50, "report"),
      d("c.test.ts", 700, "report"),
    ];
    const filled = fillFromBatches(durations, [
      { tests: ["a.test.ts", "b.test.ts"], wall_ms: 1050 },
      { tests: ["c.test.ts"], wall_ms: 500 },
    ]);
    expect(filled).toEqual([
      d("a.test.ts", 900, "runner"),
      d("b.test.ts", 150, "report"),
      d("c.test.ts", 500, "report"),
    ]);
    // A batch naming tests its reports did not (other paths, nothing reported) changes nothing.
    expect(fillFromBatches(durations, [{ tests: ["z.test.ts"], wall_ms: 9000 }])).toEqual(durations);
  });

  it("adds the batches up to the command's wall time", () => {
    expect(commandWallMs([])).toBe(0);
    expect(
      commandWallMs([
        { tests: ["a"], wall_ms: 1200 },
        { tests: ["b"], wall_ms: 800 },
      ]),
    ).toBe(2000);
  });

  it("gives the files only the time the runner ran them: the command's fixed cost is no file's", () => {
    // 12 s of wall time, 8 s of it running files side by side (two workers, 12 s of file time).
    const filled = fillFromBatches(
      [d("a.test.ts", 9000, "runner"), d("b.test.ts", 3000, "runner")],
      [{ tests: ["a.test.ts", "b.test.ts"], wall_ms: 12_000, files_ms: 8000 }],
    );
    expect(filled).toEqual([d("a.test.ts", 6000, "runner"), d("b.test.ts", 2000, "runner")]);
    // A runner time longer than the wall time (clock skew) is no fixed cost: the wall time counts.
    const skewed = fillFromBatches(
      [d("a.test.ts", 1000, "runner")],
      [{ tests: ["a.test.ts"], wall_ms: 500, files_ms: 700 }],
    );
    expect(skewed).toEqual([d("a.test.ts", 500, "runner")]);
  });
});

describe("the part of each batch in which the runner ran files", () => {
  it("splits the fixed cost evenly over the batches, each having started the runner once", () => {
    const batches = [
      { tests: ["a"], wall_ms: 6000 },
      { tests: ["b"], wall_ms: 4000 },
    ];
    // 10 s of wall time, 7 s of it running files: 1.5 s of fixed cost per batch.
    expect(withFilesMs(batches, 7000)).toEqual([
      { tests: ["a"], wall_ms: 6000, files_ms: 4500 },
      { tests: ["b"], wall_ms: 4000, files_ms: 2500 },
    ]);
  });

  it("leaves the batches alone when the runner did not say, or said no less than the wall time", () => {
    const batches = [{ tests: ["a"], wall_ms: 6000 }];
    expect(withFilesMs(batches, undefined)).toEqual(batches);
    expect(withFilesMs(batches, 6500)).toEqual(batches);
  });
});
