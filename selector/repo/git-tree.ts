import { spawn } from "node:child_process";

export interface TreeEntry {
  path: string;
  /** Blob id: the content hash git already keeps, used as the parse cache key. */
  oid: string;
  mode: string;
}

/** A submodule's mode in a tree. */
export const GITLINK = "160000";

/** Parses `git ls-tree -r -z --full-tree` output: `<mode> <type> <oid>\t<path>\0`. */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    if (!oid || !mode) continue;
    // A submodule (mode 160000) is listed as one path, its commit the oid: its files are in no tree
    // of this repository, but a test that reads under it depends on it, and a bump changes them.
    // Its content is never read (the commit is not in this repository's objects).
    // Symlinks (120000) hold no source of this repository to parse.
    if ((type === "blob" && mode !== "120000") || (type === "commit" && mode === GITLINK)) {
      entries.push({ path: record.slice(tab + 1), oid, mode });
    }
  }
  return entries;
}

/** Reads many blobs through one `git cat-file --batch` process. Missing objects are left out. */
export function readBlobs(repoDir: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return Promise.resolve(blobs);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: repoDir, stdio: ["pipe", "pipe", "pipe"] });
    let buffer: Buffer = Buffer.alloc(0);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      buffer = drainBatch(buffer, blobs);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(blobs);
      else reject(new Error(`git cat-file --batch failed (${code}): ${stderr.split("\n")[0]}`));
    });
    child.stdin.end(`${unique.join("\n")}\n`);
  });
}

/** Takes every complete `<oid> <type> <size>\n<bytes>\n` record off the front of the buffer. */
export function drainBatch(buffer: Buffer, into: Map<string, Buffer>): Buffer {
  let offset = 0;
  for (;;) {
    const newline = buffer.indexOf(10, offset);
    if (newline < 0) break;
    const header = buffer.toString("utf8", offset, newline).split(" ");
    if (header[1] === "missing") {
      offset = newline + 1;
      continue;
    }
    const size = Number(header[2]);
    const end = newline + 1 + size;
    if (buffer.length < end + 1) break;
    into.set(header[0]!, buffer.subarray(newline + 1, end));
    offset = end + 1;
  }
  return offset === 0 ? buffer : Buffer.from(buffer.subarray(offset));
}
