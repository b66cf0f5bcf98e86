import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleAction, ROOT } from "../../scripts/bundle-action.js";

/**
 * CI fails when the committed dist/ is stale: the sources are bundled again, with the same
 * settings as `npm run build`, into a temporary folder and compared byte for byte with what git
 * has staged for dist/ (the index; on a fresh clone that is the commit). `npm run build` rewrites
 * the working copy of dist/, so the working copy alone would always look fresh.
 */
const work = mkdtempSync(join(tmpdir(), "superplane-dist-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(base: string, dir = base): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(base, path)
      : [relative(base, path).replaceAll("\\", "/")];
  });
}

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: ROOT, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });

const inGit = (() => {
  try {
    return git("rev-parse", "--is-inside-work-tree").toString().trim() === "true";
  } catch {
    return false;
  }
})();

describe.skipIf(!inGit)("dist/", { timeout: 120_000 }, () => {
  it("is what `npm run build` makes of the committed sources (else: run it and commit dist/)", async () => {
    const fresh = join(work, "dist");
    await bundleAction(fresh);
    const committed = git("ls-files", "-z", "dist")
      .toString()
      .split("\0")
      .filter(Boolean)
      .map((path) => path.slice("dist/".length))
      .sort();
    expect(committed, "files in dist/").toEqual(filesUnder(fresh).sort());
    const stale = committed.filter(
      (path) => !git("show", `:dist/${path}`).equals(readFileSync(join(fresh, path))),
    );
    expect(stale, "stale files in dist/: run `npm run build` and commit dist/").toEqual([]);
  });
});
