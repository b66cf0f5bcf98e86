import { describe, expect, it } from "vitest";
import { resolverRepo } from "../../test/generate/resolver-repo.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "./create-resolver.js";

// Speed is measured by `npm run bench` (test/bench/resolver-bench.ts); this checks the answers at scale.
describe("resolver at scale", () => {
  it("resolves every alias, workspace and relative import of a 10,000-file monorepo", () => {
    const { files, imports } = resolverRepo();
    const resolver = createResolver(snapshotFromRecord(files));
    const kinds = new Map<string, number>();
    for (const [specifier, from] of imports) {
      const kind = resolver.resolve(specifier, from, "static").kind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect(imports.length).toBeGreaterThanOrEqual(49_000);
    // One import in five names an external package; every other one resolves to a file.
    expect(kinds.get("unresolved") ?? 0).toBe(0);
    expect(kinds.get("external")).toBe(imports.length / 5);
    expect(resolver.resolve("@gen/p3/m2/f2", "packages/p1/src/index.ts", "static")).toMatchObject({
      path: "packages/p3/src/m2/f2.ts",
    });
  });
});
