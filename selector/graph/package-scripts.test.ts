import { describe, expect, it } from "vitest";
import { facts } from "../../test/support/graph-fixtures.js";
import type { ImportRecord } from "../extract/types.js";
import { snapshotFromRecord } from "../repo/types.js";
import { createResolver } from "../resolve/create-resolver.js";
import { buildGraph } from "./build-graph.js";
import { followPackageScript, scriptsLookup } from "./package-scripts.js";

const manifests: Record<string, string> = {
  "package.json": JSON.stringify({
    scripts: {
      gen: "node scripts/gen.js",
      pregen: "tsx scripts/clean.ts",
      ci: "cross-env CI=1 npm run gen && vitest run",
      dynamic: "$RUNNER scripts/x.js",
    },
  }),
  "packages/tool/package.json": JSON.stringify({ scripts: { start: "node ./bin/cli.js --port 0" } }),
};
const lookup = scriptsLookup((path) => manifests[path]);

const record = (specifier: string, packageScript: ImportRecord["packageScript"]): ImportRecord => ({
  specifier,
  kind: "url",
  names: "*",
  typeOnly: false,
  line: 7,
  spawned: true,
  packageScript,
});

/** What following gives: the records' specifiers (`script:<name>`, `bin:<program>`), or the reason. */
function follow(from: string, rec: ImportRecord): string[] | string {
  const result = followPackageScript(from, rec, lookup);
  if ("reason" in result) return result.reason;
  return result.records.map((r) =>
    r.packageScript
      ? `script:${r.packageScript.name ?? "?"}`
      : r.packageBin
        ? `bin:${r.specifier}`
        : r.specifier,
  );
}

describe("followPackageScript: a package script's command lines, as the runner's records", () => {
  it("follows the script and its pre script, from the package's folder, relative to the file that runs it", () => {
    expect(follow("test/cli.test.ts", record("../", { name: "gen" }))).toEqual([
      "../scripts/clean.ts",
      "../scripts/gen.js",
    ]);
  });

  it("finds the nearest package.json at or above the folder, and hands words on to the script", () => {
    expect(
      follow("packages/tool/test/a.test.ts", record("../", { name: "start", args: ["extra.js"] })),
    ).toEqual(["../bin/cli.js"]);
    expect(follow("packages/tool/src/deep/x.ts", record("./", { name: "gen" }))).toEqual(
      'runs the package script "gen", which packages/tool/package.json does not define',
    );
  });

  it("hands on a script that runs another, past env setters, and a program by name to the bin lookup", () => {
    expect(follow("test/a.test.ts", record("../", { name: "ci" }))).toEqual(["script:gen", "bin:vitest"]);
  });

  it("cannot follow a script nothing names, or a program picked at run time", () => {
    expect(follow("test/a.test.ts", record("npm run $X", {}))).toBe(
      "runs a package script or command that nothing static names",
    );
    expect(follow("test/a.test.ts", record("../", { name: "dynamic" }))).toEqual(["script:?"]);
  });
});

describe("the graph follows a package script", () => {
  const files: Record<string, string> = {
    ...manifests,
    "scripts/gen.js": "",
    "scripts/clean.ts": "",
    "test/cli.test.ts": "",
  };
  const snapshot = snapshotFromRecord(files);
  const graphFor = (packageScript: ImportRecord["packageScript"], specifier = "../") =>
    buildGraph({
      paths: snapshot.paths,
      facts: new Map([["test/cli.test.ts", facts({ imports: [record(specifier, packageScript)] })]]),
      resolver: createResolver(snapshot),
      isTest: (path) => path.endsWith(".test.ts"),
      scripts: scriptsLookup(snapshot.readText),
    });

  it("links the test to the scripts the package script runs, through scripts that run scripts", () => {
    const node = graphFor({ name: "ci" }).nodes.get("test/cli.test.ts")!;
    expect(node.imports.map((e) => `${e.to}:${e.line}`)).toEqual(["scripts/clean.ts:7", "scripts/gen.js:7"]);
    expect(node.unresolved).toEqual([]);
  });

  it("keeps what it cannot follow as an unresolved load of the test, with the reason", () => {
    const node = graphFor({ name: "missing" }).nodes.get("test/cli.test.ts")!;
    expect(node.unresolved).toEqual([
      {
        specifier: "run missing",
        line: 7,
        reason: 'runs the package script "missing", which package.json does not define',
        spawned: true,
      },
    ]);
  });
});
