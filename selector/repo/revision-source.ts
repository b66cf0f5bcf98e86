import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { runGit } from "../git/run-git.js";
import { GITLINK, parseLsTree, readBlobs, type TreeEntry } from "./git-tree.js";

/** The files of one revision (a commit, or the working tree) and a way to read them. */
export interface RevisionSource {
  readonly label: string;
  /** Its files: all of them, or for a source listed by name, those of the names that exist. */
  readonly entries: readonly TreeEntry[];
  /** Contents by path; paths that cannot be read are left out. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>;
}

/** Past this many names, one listing of the whole tree beats a command line of paths. */
const NAMED_PATHS_MAX = 256;

async function listTree(repoDir: string, rev: string, only?: readonly string[]): Promise<TreeEntry[]> {
  if (only === undefined || only.length > NAMED_PATHS_MAX) {
    const entries = parseLsTree(await runGit(repoDir, ["ls-tree", "-r", "-z", "--full-tree", rev]));
    if (only === undefined) return entries;
    const wanted = new Set(only);
    return entries.filter((e) => wanted.has(e.path));
  }
  if (only.length === 0) return [];
  // Literal: a path with `*` or `:` in its name is a name, not a pattern.
  const args = ["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", rev, "--", ...only];
  const wanted = new Set(only);
  // A name that is a folder at this revision lists the files under it: keep the names asked for.
  return parseLsTree(await runGit(repoDir, args)).filter((e) => wanted.has(e.path));
}

/**
 * A committed revision: listed with `git ls-tree`, read through `git cat-file --batch`. With
 * `only`, just those paths are listed (the base of a change needs its changed files, not the
 * 10,000 others), so `entries` holds the ones that exist at `rev`.
 */
export async function commitSource(
  repoDir: string,
  rev: string,
  only?: readonly string[],
): Promise<RevisionSource> {
  const entries = await listTree(repoDir, rev, only);
  const byPath = new Map(entries.map((e) => [e.path, e.oid]));
  return {
    label: rev,
    entries,
    async read(paths) {
      const oids = paths.map((p) => byPath.get(p)).filter((oid): oid is string => oid !== undefined);
      const blobs = await readBlobs(repoDir, oids);
      const out = new Map<string, Buffer>();
      for (const path of paths) {
        const blob = blobs.get(byPath.get(path) ?? "");
        if (blob) out.set(path, blob);
      }
      return out;
    },
  };
}

/** The id git would give this content, so working-tree files share cache entries with commits. */
export function blobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** The oid of a submodule in the working tree: its checked-out commit is not looked up. */
const SUBMODULE = "submodule";

/**
 * The working tree with untracked (not ignored) files: what a developer has before committing.
 * Files are hashed as git would so the parse cache still applies.
 */
export async function worktreeSource(repoDir: string): Promise<RevisionSource> {
  const listed = await runGit(repoDir, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  const paths = [...new Set(listed.split("\0").filter((p) => p !== ""))];
  const contents = new Map<string, Buffer>();
  const entries: TreeEntry[] = [];
  const CHUNK = 256;
  for (let i = 0; i < paths.length; i += CHUNK) {
    const chunk = paths.slice(i, i + CHUNK);
    const read = await Promise.all(
      chunk.map((p) =>
        readFile(join(repoDir, p)).catch(async (error: NodeJS.ErrnoException) =>
          // A symlink to a folder reads as a folder too; it is skipped as a committed one is.
          error.code === "EISDIR" && (await lstat(join(repoDir, p))).isDirectory() ? SUBMODULE : undefined,
        ),
      ),
    );
    chunk.forEach((path, index) => {
      const content = read[index];
      // A listed path that is a folder is a submodule: one path, as git-tree.ts lists it, never read.
      if (content === SUBMODULE) {
        entries.push({ path, oid: SUBMODULE, mode: GITLINK });
        return;
      }
      // Deleted but still in the index, or unreadable: not part of the tree.
      if (!content) return;
      contents.set(path, content);
      entries.push({ path, oid: blobId(content), mode: "100644" });
    });
  }
  return {
    label: "working tree",
    entries,
    read: async (wanted) => new Map(wanted.flatMap((p) => (contents.has(p) ? [[p, contents.get(p)!]] : []))),
  };
}

/**
 * `source` with the reads of `paths` started now, in one git process, so they overlap other
 * work (the diff); asking for those paths later is served from memory, anything else reads as usual.
 */
export function prefetching(source: RevisionSource, paths: readonly string[]): RevisionSource {
  const early = source.read(paths);
  // Rethrown to whoever asks for these paths; nobody asking means nobody needed them.
  early.catch(() => {});
  const fetched = new Set(paths);
  return {
    label: source.label,
    entries: source.entries,
    async read(wanted) {
      if (!wanted.every((path) => fetched.has(path))) return source.read(wanted);
      const all = await early;
      return new Map(wanted.flatMap((path) => (all.has(path) ? [[path, all.get(path)!]] : [])));
    },
  };
}
