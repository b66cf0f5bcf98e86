import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileFacts } from "../extract/types.js";
import { FactsCache } from "./facts-cache.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "facts-cache-"));
  dirs.push(dir);
  return join(dir, "superplane", "facts.json");
}

function facts(name: string): FileFacts {
  return {
    imports: [{ specifier: `./${name}.js`, kind: "static", names: [name], typeOnly: false, line: 1 }],
    declarations: [
      { names: [name], kind: "function", range: { start: 2, end: 4 }, exportedAs: [name], references: [] },
    ],
    statements: [],
    localExports: [],
    syntaxErrors: 0,
  };
}

/** A saved cache holding facts for each of `names` (as `<name>.ts`). */
function saved(names: string[]): string {
  const file = cacheFile();
  const cache = new FactsCache(file);
  cache.load();
  for (const name of names) cache.set(`${name}.ts`, facts(name));
  cache.save();
  return file;
}

function reopen(file: string): FactsCache {
  const cache = new FactsCache(file);
  cache.load();
  return cache;
}

describe("facts cache", () => {
  it("returns what was stored, declarations included, after a reload", () => {
    const file = saved(["a"]);
    const loaded = reopen(file).get("a.ts");
    expect(loaded?.declarations).toEqual(facts("a").declarations);
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(facts("a"));
  });

  it("keeps the in-source tests mark through a reload", () => {
    const file = cacheFile();
    const cache = new FactsCache(file);
    cache.load();
    cache.set("src/add.ts", { ...facts("add"), inSourceTests: true });
    cache.set("src/b.ts", facts("b"));
    cache.save();
    const again = reopen(file);
    expect(again.get("src/add.ts")?.inSourceTests).toBe(true);
    expect(again.get("src/b.ts")?.inSourceTests).toBeUndefined();
    expect(JSON.parse(JSON.stringify(again.get("src/add.ts")))).toEqual({
      ...facts("add"),
      inSourceTests: true,
    });
  });

  it("keeps an exact parser's verdict, added to facts read from the base, through a reload", () => {
    const file = saved(["a", "b"]);
    const second = reopen(file);
    const a = second.get("a.ts")!;
    a.exactSyntax = { line: 2, column: 3, message: "Unexpected token" };
    second.set("a.ts", a);
    const b = second.get("b.ts")!;
    b.exactSyntax = null;
    second.set("b.ts", b);
    second.save();
    const third = reopen(file);
    expect(third.get("a.ts")?.exactSyntax).toEqual({ line: 2, column: 3, message: "Unexpected token" });
    expect(third.get("b.ts")?.exactSyntax).toBeNull();
    expect(third.get("a.ts")?.declarations).toEqual(facts("a").declarations);
  });

  it("appends a small change to the log instead of rewriting the base", () => {
    const file = saved(Array.from({ length: 10 }, (_, i) => `f${i}`));
    const base = readFileSync(file, "utf8");

    const second = reopen(file);
    second.set("new.ts", facts("new"));
    second.save();
    expect(readFileSync(file, "utf8")).toBe(base);
    expect(readFileSync(`${file}.log`, "utf8").trim().split("\n")).toHaveLength(1);

    const third = reopen(file);
    expect(JSON.parse(JSON.stringify(third.get("new.ts")))).toEqual(facts("new"));
    expect(JSON.parse(JSON.stringify(third.get("f3.ts")))).toEqual(facts("f3"));
  });

  it("folds a large log back into the base", () => {
    const file = saved(["seed"]);
    const second = reopen(file);
    for (let i = 0; i < 600; i++) second.set(`g${i}.ts`, facts(`g${i}`));
    second.save();
    expect(existsSync(`${file}.log`)).toBe(false);
    const third = reopen(file);
    expect(third.get("g599.ts")?.declarations).toEqual(facts("g599").declarations);
    expect(JSON.parse(JSON.stringify(third.get("seed.ts")))).toEqual(facts("seed"));
  });

  it("skips a torn log line and entries of another version, and rebuilds a corrupt base", () => {
    const file = saved(["a"]);
    const second = reopen(file);
    second.set("b.ts", facts("b"));
    second.save();
    writeFileSync(
      `${file}.log`,
      `${readFileSync(`${file}.log`, "utf8")}{"v":4,"k":"c.ts","e":{"imp\n{"v":1,"k":"d.ts","e":{}}\n`,
    );
    const third = reopen(file);
    expect(third.get("b.ts")?.imports).toEqual(facts("b").imports);
    expect(third.get("c.ts")).toBeUndefined();
    expect(third.get("d.ts")).toBeUndefined();

    writeFileSync(file, "{not json");
    const corrupt = new FactsCache(file);
    expect(corrupt.load().error).toMatch(/JSON/);
    expect(corrupt.get("a.ts")).toBeUndefined();
  });
});

describe("reading apart from parsing", () => {
  it("takes in what it read as load would, the log included", async () => {
    const file = saved(["a"]);
    const second = reopen(file);
    second.set("b.ts", facts("b"));
    second.save();
    const cache = new FactsCache(file);
    const read = cache.read();
    expect(cache.get("a.ts")).toBeUndefined();
    expect(cache.take(await read)).toEqual({ entries: 2 });
    expect(JSON.parse(JSON.stringify(cache.get("b.ts")))).toEqual(facts("b"));
  });

  it("reads a missing cache as empty and reports a corrupt or unreadable one", async () => {
    const missing = new FactsCache(cacheFile());
    expect(missing.take(await missing.read())).toEqual({ entries: 0 });
    const file = saved(["a"]);
    writeFileSync(file, "{not json");
    const corrupt = new FactsCache(file);
    expect(corrupt.take(await corrupt.read()).error).toMatch(/JSON/);
    const folder = new FactsCache(join(file, ".."));
    expect(folder.take(await folder.read()).error).toMatch(/EISDIR/);
    expect(new FactsCache(undefined).take(await new FactsCache(undefined).read())).toEqual({ entries: 0 });
  });
});

describe("stored facts", () => {
  it("keep unread declarations as text through a rewrite, and parse them once read", () => {
    const file = saved(["a"]);
    const second = reopen(file);
    expect(second.get("a.ts")?.syntaxErrors).toBe(0);
    for (let i = 0; i < 600; i++) second.set(`g${i}.ts`, facts(`g${i}`));
    second.save();
    const third = reopen(file);
    const a = third.get("a.ts")!;
    expect(a.declarations[0]?.names).toEqual(["a"]);
    expect(a.declarations).toBe(a.declarations);
  });
});
