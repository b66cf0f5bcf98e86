import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform base62: bytes of 248 and above are dropped so no character is likelier than another. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `run_…`, `repo_…`: the prefix tells a reader of a log line what the id names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(20)}`;
}
