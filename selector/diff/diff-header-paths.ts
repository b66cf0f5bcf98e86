import { readQuoted } from "./quoted-path.js";

/** The two names on a `diff --git` line, prefixes still on; undefined where spaces make it ambiguous. */
export interface GitHeaderNames {
  old: string;
  new: string;
}

function splitQuoted(rest: string): GitHeaderNames | undefined {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest);
    if (!first || rest[first.end] !== " ") return undefined;
    const tail = rest.slice(first.end + 1);
    const second = tail.startsWith('"') ? readQuoted(tail)?.value : tail;
    return second === undefined ? undefined : { old: first.value, new: second };
  }
  // An unquoted name never holds a double quote (git would have quoted it), so ` "` splits.
  const split = rest.indexOf(' "');
  const second = split < 0 ? undefined : readQuoted(rest, split + 1);
  return second ? { old: rest.slice(0, split), new: second.value } : undefined;
}

/**
 * Splits the names after `diff --git `. Unquoted names with spaces are ambiguous in general,
 * but when both sides name the same file the line is `<p1>X <p2>X` with equal-length prefixes,
 * and renames and copies carry their names on `rename from`/`copy from` lines anyway.
 */
export function splitGitHeader(rest: string): GitHeaderNames | undefined {
  if (rest.includes('"')) return splitQuoted(rest);
  if (rest.length % 2 === 1) {
    const middle = (rest.length - 1) / 2;
    const left = rest.slice(0, middle);
    const right = rest.slice(middle + 1);
    if (rest[middle] === " " && sameAfterPrefix(left, right) !== undefined) return { old: left, new: right };
  }
  const spaces = rest.split(" ");
  if (spaces.length === 2) return { old: spaces[0]!, new: spaces[1]! };
  return undefined;
}

/** Prefix lengths that make two names equal (`a/x` and `b/x` -> [2, 2]; `x` and `x` -> [0, 0]). */
export function sameAfterPrefix(left: string, right: string): [number, number] | undefined {
  if (left === right) return [0, 0];
  const l = left.indexOf("/");
  const r = right.indexOf("/");
  if (l >= 0 && r >= 0 && left.slice(l + 1) === right.slice(r + 1)) return [l + 1, r + 1];
  return undefined;
}

/** The prefixes (`a/`, `b/`, or none with --no-prefix) a diff put before its names. */
export interface Prefixes {
  old: string;
  new: string;
}

/** Infers prefixes from a header's names, using a rename's real names when the sides differ. */
export function inferPrefixes(
  names: GitHeaderNames | undefined,
  renamedFrom?: string,
  renamedTo?: string,
): Prefixes {
  if (names) {
    if (renamedFrom !== undefined && renamedTo !== undefined) {
      if (names.old.endsWith(renamedFrom) && names.new.endsWith(renamedTo)) {
        return {
          old: names.old.slice(0, names.old.length - renamedFrom.length),
          new: names.new.slice(0, names.new.length - renamedTo.length),
        };
      }
    } else {
      const lengths = sameAfterPrefix(names.old, names.new);
      if (lengths) return { old: names.old.slice(0, lengths[0]), new: names.new.slice(0, lengths[1]) };
    }
  }
  return { old: "a/", new: "b/" };
}

export const stripPrefix = (path: string, prefix: string): string =>
  prefix !== "" && path.startsWith(prefix) ? path.slice(prefix.length) : path;
