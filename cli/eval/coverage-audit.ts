import { type FileUnits, fileUnits } from "../../selector/coverage/function-units.js";
import type { CoverageRecord } from "../../selector/coverage/types.js";
import { readBlobs } from "../../selector/repo/git-tree.js";

/**
 * What a test ran, as code rather than positions: per loaded file, the own code of each unit that
 * ran; for a file run whole (a function could not be placed), the code of all its units, so a
 * comment or layout edit is no other code, as the verdict judges it; the blob for a file read as
 * text, where every byte counts. Two runs of the same code are equal.
 */
function ranCode(
  record: CoverageRecord,
  units: ReadonlyMap<string, FileUnits | undefined>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of record.files) {
    const parsed = units.get(file.blob);
    if (file.read || !parsed) {
      out.set(file.path, [`blob ${file.blob}`]);
      continue;
    }
    if (file.units === "all") {
      out.set(file.path, ["(whole file)", ...parsed.units.map((unit) => unit.code).sort()]);
      continue;
    }
    out.set(file.path, file.units.map((i) => parsed.units[i]?.code ?? `unit ${i}`).sort());
  }
  return out;
}

/**
 * The check behind a clear verdict, made after the fact: a test the trained arm skipped because
 * coverage cleared it is run at the commit anyway (the eval runs everything), and its new record
 * must show the same code ran as in the record that cleared it. Answers one line per test that
 * ran something else (the first file that differs), empty when coverage held.
 */
export async function auditCleared(
  repoDir: string,
  cleared: readonly { before: CoverageRecord; after: CoverageRecord }[],
): Promise<string[]> {
  const blobs = new Map<string, string>();
  for (const { before, after } of cleared) {
    for (const file of [...before.files, ...after.files]) blobs.set(file.blob, file.path);
  }
  const contents = await readBlobs(repoDir, [...blobs.keys()]);
  const units = new Map<string, FileUnits | undefined>();
  for (const [blob, path] of blobs) {
    const content = contents.get(blob);
    units.set(blob, content ? fileUnits(path, content.toString("utf8")) : undefined);
  }
  const differences: string[] = [];
  for (const { before, after } of cleared) {
    const was = ranCode(before, units);
    const now = ranCode(after, units);
    const paths = new Set([...was.keys(), ...now.keys()]);
    const differing = [...paths].find(
      (path) => (was.get(path) ?? []).join() !== (now.get(path) ?? []).join(),
    );
    if (differing) differences.push(`${after.test}: ran other code in ${differing} than when recorded`);
  }
  return differences;
}
