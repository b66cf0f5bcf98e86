/** A status letter of `git diff --name-status`: added, copied, deleted, modified, renamed, type changed, unmerged, unknown. */
export type NameStatusCode = "A" | "C" | "D" | "M" | "R" | "T" | "U" | "X";

export interface NameStatusEntry {
  status: NameStatusCode;
  /** Path at head; for a deletion, the path at base. */
  path: string;
  /** Path at base, for renames and copies. */
  oldPath?: string;
  /** Percent similarity of a rename or copy (`R087` -> 87). */
  similarity?: number;
}

const CODES = new Set<string>(["A", "C", "D", "M", "R", "T", "U", "X"]);

/** `-z` output as fields; the trailing NUL leaves one empty field, which is not a path. */
function fields(output: string): string[] {
  const parts = output.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/**
 * Parses `git diff --name-status -z [-M -C]`: `M\0path\0`, and for renames and copies
 * `R100\0old\0new\0`. With -z git writes paths verbatim, so newlines and tabs survive.
 */
export function parseNameStatusZ(output: string): NameStatusEntry[] {
  const parts = fields(output);
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < parts.length; ) {
    const token = parts[i]!;
    const code = token[0] ?? "";
    if (!CODES.has(code)) throw new Error(`unexpected git --name-status field "${token}" at field ${i + 1}`);
    const status = code as NameStatusCode;
    const score = token.length > 1 ? Number(token.slice(1)) : undefined;
    if (status === "R" || status === "C") {
      const oldPath = parts[i + 1];
      const path = parts[i + 2];
      if (oldPath === undefined || path === undefined)
        throw new Error(`git --name-status: "${token}" lacks its two paths`);
      entries.push({ status, path, oldPath, ...(score === undefined ? {} : { similarity: score }) });
      i += 3;
    } else {
      const path = parts[i + 1];
      if (path === undefined) throw new Error(`git --name-status: "${token}" lacks its path`);
      entries.push({ status, path });
      i += 2;
    }
  }
  return entries;
}

export interface NumstatEntry {
  path: string;
  oldPath?: string;
  /** Line counts; null for a binary file, which git shows as `-\t-`. */
  added: number | null;
  deleted: number | null;
  binary: boolean;
}

const count = (text: string) => (text === "-" ? null : Number(text));

/**
 * Parses `git diff --numstat -z [-M -C]`: `added\tdeleted\tpath\0`, or for a rename or copy
 * `added\tdeleted\t\0old\0new\0`. Binary files count `-` lines.
 */
export function parseNumstatZ(output: string): NumstatEntry[] {
  const parts = fields(output);
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < parts.length; ) {
    const match = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(parts[i]!);
    if (!match) throw new Error(`unexpected git --numstat field "${parts[i]}" at field ${i + 1}`);
    const added = count(match[1]!);
    const deleted = count(match[2]!);
    const binary = added === null || deleted === null;
    if (match[3] !== "") {
      entries.push({ path: match[3]!, added, deleted, binary });
      i += 1;
      continue;
    }
    const oldPath = parts[i + 1];
    const path = parts[i + 2];
    if (oldPath === undefined || path === undefined)
      throw new Error("git --numstat: a rename lacks its two paths");
    entries.push({ path, oldPath, added, deleted, binary });
    i += 3;
  }
  return entries;
}
