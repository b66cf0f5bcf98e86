import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runGit } from "../git/run-git.js";
import { parseLsTree, readBlobs, type TreeEntry } from "./git-tree.js";

/** The files of one revision (a commit, or the working tree) and a way to read them. */
export interface RevisionSource {
  readonly label: string;
  readonly entries: readonly TreeEntry[];
  /** Contents by path; paths that cannot be read are left out. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>;
}

/** A committed revision: listed with `git ls-tree`, read through `git cat-file --batch`. */
export async function commitSource(repoDir: string, rev: string): Promise<RevisionSource> {
  const entries = parseLsTree(await runGit(repoDir, ["ls-tree", "-r", "-z", "--full-tree", rev]));
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
    const read = await Promise.all(chunk.map((p) => readFile(join(repoDir, p)).catch(() => undefined)));
    chunk.forEach((path, index) => {
      const content = read[index];
      // Deleted but still in the index, a directory (submodule), or unreadable: not part of the tree.
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
