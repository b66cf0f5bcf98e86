import { type FileUnits, unitAt } from "./function-units.js";
import { lineStarts } from "./source-map.js";
import { type CoverageRecord, type CoveredFile, type RawCoverage, UNITS_VERSION } from "./types.js";

/** A file's units with its text, or undefined when it cannot be read by function. */
export type UnitsOf = (path: string, blob: string) => { units: FileUnits; text: string } | undefined;

function coveredUnits(raw: RawCoverage["files"][number], read: ReturnType<UnitsOf>): CoveredFile["units"] {
  if (raw.unplaced > 0 || !read) return "all";
  const starts = lineStarts(read.text);
  const ran = new Set<number>();
  for (const [line, column] of raw.positions) {
    const start = starts[line];
    if (start === undefined) return "all";
    const unit = unitAt(read.units, read.text, start + column);
    if (unit === undefined) return "all";
    if (unit >= 0) ran.add(unit);
  }
  return [...ran].sort((a, b) => a - b);
}

/**
 * The record of one test file's run (paths already repository-relative): its files by path and
 * blob, and the units that ran in each. Undefined when the run cannot vouch for what the test
 * loaded (a worker that ran another test file first), started a process or thread whose code it
 * cannot count, or listed a directory of the repository (which files it holds is an input too).
 */
export function coverageRecord(
  raw: RawCoverage,
  unitsOf: UnitsOf,
  commit?: string,
): CoverageRecord | undefined {
  if (raw.version !== 1 || raw.reused || raw.spawned || (raw.listed?.length ?? 0) > 0) return undefined;
  const files: CoveredFile[] = raw.files.map((file) => ({
    path: file.path,
    blob: file.blob,
    units: file.read ? "all" : coveredUnits(file, unitsOf(file.path, file.blob)),
    ...(file.read ? { read: true as const } : {}),
    ...(file.order !== undefined ? { order: file.order } : {}),
  }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { version: UNITS_VERSION, test: raw.test, ...(commit ? { commit } : {}), files };
}
