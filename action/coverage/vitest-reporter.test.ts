import { describe, expect, it } from "vitest";
import { unrecordable } from "./vitest-reporter.js";

describe("the coverage reporter", () => {
  it("records isolated node runs, and says why it leaves others alone", () => {
    expect(unrecordable({ setupFiles: [] })).toBeUndefined();
    expect(
      unrecordable({ setupFiles: [], coverage: { enabled: true, provider: "istanbul" } }),
    ).toBeUndefined();
    expect(unrecordable({ setupFiles: [], isolate: false })).toContain("without isolation");
    expect(unrecordable({ setupFiles: [], browser: { enabled: true } })).toBe("it runs in a browser");
    expect(unrecordable({ setupFiles: [], coverage: { enabled: true } })).toContain("v8 coverage is on");
  });
});
