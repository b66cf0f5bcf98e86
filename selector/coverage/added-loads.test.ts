import { describe, expect, it } from "vitest";
import { addedLoadIsInert, type LoadContext, resolveRelative } from "./added-loads.js";
import type { TopStatement } from "./function-units.js";
import { type CoverageRecord, UNITS_VERSION } from "./types.js";

const def: TopStatement = { role: "definition", code: "d" };
const load = (specifier: string): TopStatement => ({ role: "load", code: specifier, specifier });
const effect: TopStatement = { role: "effect", code: "e" };

/** A test that loaded src/util.ts first, then src/index.ts, then src/late.ts. */
const record: CoverageRecord = {
  version: UNITS_VERSION,
  test: "test/a.test.ts",
  files: [
    { path: "src/util.ts", blob: "u", units: [], order: 0 },
    { path: "src/index.ts", blob: "i", units: [], order: 1 },
    { path: "src/late.ts", blob: "l", units: [], order: 2 },
  ],
};

function context(files: Record<string, TopStatement[]>): LoadContext {
  const paths = new Set([...Object.keys(files), ...record.files.map((f) => f.path)]);
  return {
    resolve: (from, specifier) => resolveRelative(paths, from, specifier),
    statementsOf: (path) => files[path],
  };
}

describe("an added load", () => {
  it("runs nothing new when the module only defines things and loads what was loaded before", () => {
    const ctx = context({ "src/locale.ts": [load("./util.js"), def, def] });
    expect(addedLoadIsInert(ctx, record, "src/index.ts", "./locale.js")).toBe(true);
  });

  it("runs something new when the module runs code, or loads what loaded later, or cannot be read", () => {
    expect(
      addedLoadIsInert(context({ "src/locale.ts": [effect] }), record, "src/index.ts", "./locale.js"),
    ).toBe(false);
    expect(
      addedLoadIsInert(
        context({ "src/locale.ts": [load("./late.js")] }),
        record,
        "src/index.ts",
        "./locale.js",
      ),
    ).toBe(false);
    expect(addedLoadIsInert(context({}), record, "src/index.ts", "./locale.js")).toBe(false);
    expect(addedLoadIsInert(context({}), record, "src/index.ts", "zod")).toBe(false);
  });

  it("counts a module already loaded before the importer as loaded, and one loaded after as moved", () => {
    expect(addedLoadIsInert(context({}), record, "src/index.ts", "./util.js")).toBe(true);
    expect(addedLoadIsInert(context({ "src/late.ts": [effect] }), record, "src/index.ts", "./late.js")).toBe(
      false,
    );
    // Moved earlier, but loading it runs no code: when it loads does not matter.
    expect(
      addedLoadIsInert(
        context({ "src/late.ts": [def, load("./util.js")] }),
        record,
        "src/index.ts",
        "./late.js",
      ),
    ).toBe(true);
  });

  it("follows new modules through new modules, cycles included", () => {
    const ctx = context({
      "src/a.ts": [load("./b.js"), def],
      "src/b.ts": [load("./a.js"), load("./util.js")],
    });
    expect(addedLoadIsInert(ctx, record, "src/index.ts", "./a.js")).toBe(true);
  });
});

describe("resolveRelative", () => {
  it("finds a .ts file for a .js specifier, an extensionless one, and a folder's index", () => {
    const paths = new Set(["src/a.ts", "src/b/index.tsx", "src/c.js"]);
    expect(resolveRelative(paths, "src/x.ts", "./a.js")).toBe("src/a.ts");
    expect(resolveRelative(paths, "src/x.ts", "./b")).toBe("src/b/index.tsx");
    expect(resolveRelative(paths, "src/x.ts", "./c.js")).toBe("src/c.js");
    expect(resolveRelative(paths, "src/x.ts", "../../outside")).toBeUndefined();
    expect(resolveRelative(paths, "src/x.ts", "react")).toBeUndefined();
  });
});
