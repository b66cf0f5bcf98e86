import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";
import { blankVarianceModifiers } from "./variance-modifiers.js";

describe("variance annotations", () => {
  it("are blanked in place, keeping offsets", () => {
    const source = "interface Box<out T = unknown, in out U extends string> {}";
    const blanked = blankVarianceModifiers(source);
    expect(blanked).toBe("interface Box<    T = unknown,        U extends string> {}");
    expect(blanked.length).toBe(source.length);
  });

  it("leave other uses of in and out alone", () => {
    const source = "for (const k in obj) {}\nconst out = a < b, c = d;\nif (x in y) f(a, out);\n";
    expect(blankVarianceModifiers(source)).toBe(source);
  });

  it("no longer make a file a syntax error", () => {
    const facts = extractFacts(
      "src/box.ts",
      'import { Base } from "./base";\nexport interface Box<out O = unknown> extends Base {\n  value: O;\n}\n',
    );
    expect(facts.syntaxErrors).toBe(0);
    expect(facts.declarations[0]).toMatchObject({
      names: ["Box"],
      range: { start: 2, end: 4 },
      typeReferences: ["Base"],
    });
  });
});

describe("variance annotations after a comment", () => {
  it("are blanked too", () => {
    const source = "interface O<\n  /** @ts-ignore Cast variance */\n  out Shape extends S = S,\n> {}";
    expect(blankVarianceModifiers(source)).toBe(
      "interface O<\n  /** @ts-ignore Cast variance */\n      Shape extends S = S,\n> {}",
    );
  });
});
