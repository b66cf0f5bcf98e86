import { describe, expect, it } from "vitest";
import { graphNotes } from "./graph-notes.js";

describe("graph warnings in the summary", () => {
  it("keeps file and line for the annotation", () => {
    const notes = graphNotes([
      {
        code: "COMPUTED_IMPORT",
        message: "the import path `name` is built at run time",
        file: "src/p.ts",
        line: 2,
      },
      { code: "CACHE_UNREADABLE", message: "parse cache rebuilt" },
    ]);
    expect(notes).toEqual([
      { level: "warning", message: "the import path `name` is built at run time", file: "src/p.ts", line: 2 },
      { level: "warning", message: "parse cache rebuilt" },
    ]);
  });

  it("shows ten and counts the rest", () => {
    const many = Array.from({ length: 13 }, (_, i) => ({
      code: "X",
      message: `w${i}`,
      file: "a.ts",
      line: i + 1,
    }));
    const notes = graphNotes(many);
    expect(notes).toHaveLength(11);
    expect(notes[10]?.message).toBe("and 3 more graph warning(s): see the step's log");
  });
});
