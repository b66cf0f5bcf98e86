import { describe, expect, it } from "vitest";
import { readsText } from "./vite-query.js";

describe("readsText", () => {
  it("knows the queries that read a file's bytes", () => {
    expect(["./a.ts?raw", "./a.css?inline", "./a.svg?url&inline", "?raw=1"].map(readsText)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it("takes a worker, inlined or not, as the module it runs with its imports", () => {
    const runs = [
      "./w.ts?worker&inline",
      "./w.ts?inline&worker",
      "./w.ts?sharedworker&inline",
      "./w.ts?worker",
    ];
    expect(runs.map(readsText)).toEqual([false, false, false, false]);
    expect(["./a.ts", "./a.ts?url", "./rawdata.ts", "./a.ts?inlined"].map(readsText)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
