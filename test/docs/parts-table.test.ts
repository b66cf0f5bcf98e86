import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folders the README's "Parts" table names, in its order. */
function partsTable(readme: string): string[] {
  const start = readme.indexOf("| folder | what |");
  if (start === -1) throw new Error('README.md: no parts table (a "| folder | what |" header)');
  const rows = readme.slice(start).split("\n\n")[0]!.split("\n").slice(2);
  return rows.map((row, i) => {
    const folder = /^\| `([^`/]+)\/` \|/.exec(row)?.[1];
    if (!folder) throw new Error(`README.md parts table, row ${i + 1}: not "| \`folder/\` | what |": ${row}`);
    return folder;
  });
}

/** Top-level folders git tracks or would track (ignored ones such as node_modules/ and build/ left out); hidden ones are tooling. */
function topLevelFolders(): string[] {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  }).split("\0");
  const folders = new Set(files.filter((f) => f.includes("/")).map((f) => f.slice(0, f.indexOf("/"))));
  return [...folders].filter((f) => !f.startsWith(".")).sort();
}

describe("the README's parts table", () => {
  it("names every top-level folder, and only those", () => {
    const named = partsTable(readFileSync(join(ROOT, "README.md"), "utf8"));
    expect(new Set(named).size, "a folder named twice").toBe(named.length);
    expect([...named].sort()).toEqual(topLevelFolders());
  });

  it("reads folders from the table's rows and refuses a row it cannot read", () => {
    const readme = "x\n\n| folder | what |\n| --- | --- |\n| `a/` | one |\n| `b/` | two |\n\n## next\n";
    expect(partsTable(readme)).toEqual(["a", "b"]);
    expect(() => partsTable(readme.replace("| `b/` |", "| b |"))).toThrow(/row 2/);
  });
});
