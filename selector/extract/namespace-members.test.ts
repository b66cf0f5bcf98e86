import { describe, expect, it } from "vitest";
import { extractFacts } from "./extract-facts.js";

const membersOf = (source: string) =>
  extractFacts("src/a.test.ts", source).imports.find((r) => r.namespaceLocal === "z")?.members;

describe("members read through a namespace import", () => {
  it("lists every z.name and z?.name the file reads, in types too", () => {
    const source = [
      `import * as z from "zod";`,
      `const schema = z.object({ name: z.string() });`,
      `type T = z.infer<typeof schema>;`,
      `test("x", () => z?.parse(schema, {}));`,
      `zz.z;`,
    ].join("\n");
    expect(membersOf(source)).toEqual(["object", "string", "infer", "parse"]);
  });

  it("a word in a comment or a string is not a use", () => {
    const source = [
      `import * as z from "zod";`,
      `// z's schemas, see "z" below`,
      `const label = "z is here";`,
      `z.string();`,
    ].join("\n");
    expect(membersOf(source)).toEqual(["string"]);
  });

  it("gives up when the namespace is used as a whole", () => {
    expect(membersOf(`import * as z from "zod";\nregister(z);\nz.string();`)).toBeUndefined();
    expect(membersOf(`import * as z from "zod";\nconst key = "a";\nz[key]();`)).toBeUndefined();
    expect(membersOf(`import * as z from "zod";\nexport { z };`)).toBeUndefined();
    // `{ z: 1 }` could as well be `{ z }`: any other word z counts as a use.
    expect(membersOf(`import * as z from "zod";\nconst o = { z: 1 };`)).toBeUndefined();
  });

  it("a spread hands on every member; another object's property z is not the namespace", () => {
    // zod's from-json-schema.ts: `const z = { ..._schemas, ..._checks }`, then `z.number()`.
    expect(membersOf(`import * as z from "zod";\nconst all = { ...z };\nz.string();`)).toBeUndefined();
    expect(membersOf(`import * as z from "zod";\ncall(...z);`)).toBeUndefined();
    expect(membersOf(`import * as z from "zod";\nother.z.x;\nmaybe?.z;\nz.string();`)).toEqual(["string"]);
  });
});
