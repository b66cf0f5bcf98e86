import { describe, expect, it } from "vitest";
import { jsonDepthExceeds } from "./json-checks.js";

/** The nesting counted one character at a time: what the scan must agree with. */
function deepestByCharacter(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") deepest = Math.max(deepest, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return deepest;
}

describe("jsonDepthExceeds", () => {
  it("counts brackets outside strings only, escaped quotes and backslashes included", () => {
    const cases: [string, number][] = [
      ['{"a":[1,[2]]}', 3],
      ['{"a":"[[[{{{"}', 1],
      ['["\\"[[[\\""]', 1],
      ['["\\\\", [["x"]]]', 3],
      ['["\\\\\\"]]]", [1]]', 2],
      ['"unterminated [[[', 0],
      ["[[[]]][[[[]]]]", 4],
    ];
    for (const [text, deepest] of cases) {
      expect(deepestByCharacter(text)).toBe(deepest);
      expect([jsonDepthExceeds(text, deepest - 1), jsonDepthExceeds(text, deepest)]).toEqual([
        deepest > 0,
        false,
      ]);
    }
  });

  it("agrees with a scan of every character on random text of brackets, quotes and backslashes", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = 1 + Math.floor(random() * 24);
      for (let i = 0; i < length; i++) text += '[]{}"\\a,'[Math.floor(random() * 8)];
      const deepest = deepestByCharacter(text);
      for (const limit of [Math.max(0, deepest - 1), deepest]) {
        expect(jsonDepthExceeds(text, limit), `${JSON.stringify(text)} at ${limit}`).toBe(deepest > limit);
      }
    }
  });
});
