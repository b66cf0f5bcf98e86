import { lstat, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { runGit } from "../git/run-git.js";
import { wholeFile } from "./line-ranges.js";
import type { FileChange } from "./types.js";

/** git's own test: a NUL in the first 8000 bytes makes a file binary. */
const looksBinary = (content: Buffer) => content.subarray(0, 8000).includes(0);

function countLines(content: Buffer): number {
  if (content.length === 0) return 0;
  let lines = 0;
  for (let at = content.indexOf(10); at >= 0; at = content.indexOf(10, at + 1)) lines++;
  return content[content.length - 1] === 10 ? lines : lines + 1;
}

/** One untracked file as an addition covering all its lines, as `git diff` would show it once added. */
async function asAddition(topLevel: string, path: string): Promise<FileChange | undefined> {
  const full = join(topLevel, path);
  const info = await lstat(full).catch(() => undefined);
  if (!info) return undefined; // deleted between the listing and now
  // A symlink's content, to git, is its target: one line.
  const content = info.isSymbolicLink() ? Buffer.from(await readlink(full)) : await readFile(full);
  const binary = looksBinary(content);
  return {
    path,
    status: "added",
    binary,
    headRanges: binary ? [] : wholeFile(countLines(content)),
    baseRanges: [],
  };
}

/**
 * Files neither tracked nor ignored, as additions. `ls-files` names them relative to the
 * top level when run there; a nested repository shows as `dir/` and is left out.
 */
export async function untrackedFiles(topLevel: string): Promise<FileChange[]> {
  const listed = await runGit(topLevel, ["ls-files", "--others", "--exclude-standard", "-z"]);
  const paths = listed.split("\0").filter((path) => path !== "" && !path.endsWith("/"));
  const changes = await Promise.all(paths.map((path) => asAddition(topLevel, path)));
  return changes.filter((change): change is FileChange => change !== undefined);
}
