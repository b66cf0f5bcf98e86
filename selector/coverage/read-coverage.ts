import { readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { blobId } from "../repo/revision-source.js";
import { readCollectorFiles } from "./collector-files.js";
import { coverageRecord, type UnitsOf } from "./coverage-record.js";
import { type FileUnits, fileUnits } from "./function-units.js";
import type { CoverageRecord, RawCoverage } from "./types.js";

function isRaw(value: unknown): value is RawCoverage {
  const raw = value as RawCoverage;
  return (
    typeof raw === "object" &&
    raw !== null &&
    raw.version === 1 &&
    typeof raw.test === "string" &&
    typeof raw.reused === "boolean" &&
    Array.isArray(raw.files) &&
    raw.files.every(
      (f) =>
        typeof f.path === "string" &&
        typeof f.blob === "string" &&
        typeof f.unplaced === "number" &&
        Array.isArray(f.positions) &&
        (f.read === undefined || typeof f.read === "boolean") &&
        (f.order === undefined || typeof f.order === "number"),
    )
  );
}

/** Repository-relative POSIX path, or undefined outside the repository or in node_modules. */
export function inRepo(repoDir: string, path: string): string | undefined {
  const rel = relative(repoDir, path).split(sep).join("/");
  if (rel === "" || rel === ".." || rel.startsWith("../") || rel.startsWith("/")) return undefined;
  if (rel.split("/").includes("node_modules")) return undefined;
  return rel;
}

/**
 * The collector's files in `dir`, with paths made relative to the repository (files outside it and
 * in node_modules dropped). Unreadable files are reported through `warn` and skipped.
 */
export async function readRawCoverage(
  dir: string,
  repoDir: string,
  warn: (message: string) => void,
): Promise<RawCoverage[]> {
  const out: RawCoverage[] = [];
  for (const { file, value } of await readCollectorFiles(dir, warn)) {
    if (!isRaw(value)) {
      warn(`${file}: not a coverage file of this version; skipped`);
      continue;
    }
    const test = inRepo(repoDir, value.test);
    if (!test) continue;
    const files = value.files.flatMap((f) => {
      const path = inRepo(repoDir, f.path);
      return path ? [{ ...f, path }] : [];
    });
    const listed = (value.listed ?? []).flatMap((dir) =>
      resolve(dir) === resolve(repoDir) ? "." : (inRepo(repoDir, dir) ?? []),
    );
    const { listed: _all, ...rest } = value;
    out.push({ ...rest, test, files, ...(listed.length > 0 ? { listed } : {}) });
  }
  return out;
}

/** Reads the content of files by blob id: from git's objects, or from disk as the run left it. */
export type BlobReader = (wanted: readonly { path: string; blob: string }[]) => Promise<Map<string, Buffer>>;

/** Files on disk whose content still has the blob id the run saw. */
export function diskReader(repoDir: string): BlobReader {
  return async (wanted) => {
    const out = new Map<string, Buffer>();
    for (const { path, blob } of wanted) {
      const content = await readFile(join(repoDir, path)).catch(() => undefined);
      if (content && blobId(content) === blob) out.set(blob, content);
    }
    return out;
  };
}

/**
 * Records from the collector's output (repository-relative). A file whose recorded version cannot
 * be read counts as run whole.
 */
export async function recordsFromRaw(
  raws: readonly RawCoverage[],
  read: BlobReader,
  commit?: string,
): Promise<CoverageRecord[]> {
  const wanted = new Map<string, { path: string; blob: string }>();
  for (const raw of raws) for (const f of raw.files) wanted.set(f.blob, { path: f.path, blob: f.blob });
  const contents = await read([...wanted.values()]);
  const parsed = new Map<string, { units: FileUnits; text: string } | undefined>();
  const unitsOf: UnitsOf = (path, blob) => {
    if (!parsed.has(blob)) {
      const content = contents.get(blob);
      const text = content?.toString("utf8");
      const units = text === undefined ? undefined : fileUnits(path, text);
      parsed.set(blob, units && text !== undefined ? { units, text } : undefined);
    }
    return parsed.get(blob);
  };
  return raws.flatMap((raw) => coverageRecord(raw, unitsOf, commit) ?? []);
}
