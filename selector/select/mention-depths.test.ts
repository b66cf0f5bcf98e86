import { describe, expect, it } from "vitest";
import { nearestMention } from "./mention-depths.js";

describe("nearestMention", () => {
  const depths = new Map([
    ["parse", 0],
    ["schema", 1],
    ["default", 0],
  ]);

  it("is the nearest depth of any word the text writes", () => {
    expect(nearestMention('import { schema } from "../src";\nschema.parse(1);', depths)).toBe(0);
    expect(nearestMention("const s = schema();", depths)).toBe(1);
  });

  it("ignores keywords and names that are only part of a word", () => {
    expect(nearestMention("export default parser; const schemas = 1;", depths)).toBeUndefined();
  });
});
