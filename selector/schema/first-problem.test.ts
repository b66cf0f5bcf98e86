import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { firstProblem, onlyKnown } from "./first-problem.js";

const File = Type.Object({
  version: Type.Literal(1),
  items: Type.Array(
    Type.Object({
      sha: Type.String({ pattern: "^[0-9a-f]{40}$", errorMessage: "a full commit sha" }),
      blob: Type.Optional(Type.String({ pattern: "^[0-9a-f]{40}$", description: "a git blob id" })),
      at: Type.Optional(Type.String({ format: "date-time" })),
    }),
  ),
});
const SHA = "a".repeat(40);

describe("firstProblem", () => {
  it("accepts a value that fits, formats included, as loosely as the service's ajv-formats", () => {
    for (const at of ["2026-12-07T10:00:00.000Z", "2026-12-07 10:00:00+01:00", "2026-12-07t10:00:00-0130"]) {
      expect(firstProblem(File, { version: 1, items: [{ sha: SHA, at }] }), at).toBe(undefined);
    }
  });

  it("names the field, dotted, with the schema's own message or its description", () => {
    expect(firstProblem(File, { version: 1, items: [{ sha: SHA }, { sha: "abc" }] })).toEqual({
      path: "items.1.sha",
      message: "a full commit sha",
    });
    expect(firstProblem(File, { version: 1, items: [{ sha: SHA, blob: "x" }] })).toEqual({
      path: "items.0.blob",
      message: "Expected string to match '^[0-9a-f]{40}$' (a git blob id)",
    });
    expect(firstProblem(File, { version: 1, items: [{ sha: SHA, at: "yesterday" }] })?.path).toBe(
      "items.0.at",
    );
    expect(firstProblem(File, [])).toEqual({ path: "", message: "Expected object" });
  });
});

describe("onlyKnown", () => {
  it("keeps the keys the schema names, through arrays and nested objects", () => {
    const value = { version: 1 as const, extra: true, items: [{ sha: SHA, note: "x" }] };
    expect(onlyKnown(File, value)).toEqual({ version: 1, items: [{ sha: SHA }] });
  });

  it("keeps every key of an object the schema leaves open", () => {
    const Open = Type.Object({ a: Type.Number() }, { additionalProperties: true });
    expect(onlyKnown(Open, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
  });
});
