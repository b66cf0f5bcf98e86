import { describe, expect, it } from "vitest";
import { facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { unknownConfigRead } from "./config-unknown-reads.js";

const texts: Record<string, string> = {
  "app/vitest.config.ts": `const file = process.env.APP_SETTINGS ?? "config/settings.json";
const settings = JSON.parse(readFileSync(file, "utf8"));`,
};
const head: RevisionSource = {
  label: "HEAD",
  entries: [],
  read: async (paths) =>
    new Map(paths.filter((p) => texts[p] !== undefined).map((p) => [p, Buffer.from(texts[p]!)])),
};
const unknownRead = imp("file", "*", { kind: "url", fsRead: true, computed: "unknown", line: 2 });

describe("a runner config's read of a path built at run time", () => {
  const graph = graphOf({
    "app/vitest.config.ts": facts({ imports: [unknownRead] }),
    "app/config/settings.json": undefined,
    "app/config/other.json": undefined,
    "app/src/used.ts": facts(),
    "app/test/a.test.ts": facts({ imports: [imp("./app/src/used.ts", "*")] }),
  });

  it("may read a changed data file the config's code names, with the read's line and the mention", async () => {
    expect(
      await unknownConfigRead(graph, head, ["app/vitest.config.ts"], ["app/config/settings.json"]),
    ).toEqual({
      file: "app/vitest.config.ts",
      line: 2,
      specifier: "file",
      path: "app/config/settings.json",
      mention: { file: "app/vitest.config.ts", line: 1 },
    });
  });

  it("leaves files the code does not name, and modules imports reach", async () => {
    const changed = ["app/config/other.json", "app/src/used.ts"];
    expect(await unknownConfigRead(graph, head, ["app/vitest.config.ts"], changed)).toBeUndefined();
  });
});
