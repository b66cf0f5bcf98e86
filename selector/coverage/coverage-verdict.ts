import { addedLoadIsInert, type LoadContext } from "./added-loads.js";
import type { CoverageRecord, CoverageVerdict } from "./types.js";
import { UNITS_VERSION } from "./types.js";
import type { UnitChanges } from "./unit-changes.js";

/** How a file changed from the version a test ran to the one under test; undefined: unreadable. */
export type ChangesOf = (path: string, before: string, after: string) => UnitChanges | undefined;

/**
 * Whether a test's recorded run shows the change cannot reach it. Every file it loaded is either
 * the same blob now, or changed only in functions it did not run, without changing what loading
 * the file does. Then the test runs the same code as when it was recorded: a run is a
 * deterministic function of the code it executes (flaky tests aside, which have their own
 * rule), so it passes or fails as it did. Anything the record cannot vouch for keeps the test.
 */
export function coverageVerdict(
  record: CoverageRecord,
  headBlobOf: (path: string) => string | undefined,
  changesOf: ChangesOf,
  loads?: LoadContext,
): CoverageVerdict {
  if (record.version !== UNITS_VERSION)
    return { clear: false, reason: "its coverage was recorded by another version" };
  let changedFiles = 0;
  for (const file of record.files) {
    const head = headBlobOf(file.path);
    if (head === undefined) return { clear: false, reason: `it loaded ${file.path}, which is gone` };
    if (head === file.blob) continue;
    changedFiles += 1;
    if (file.read) return { clear: false, reason: `it read ${file.path}, which changed` };
    const changes = changesOf(file.path, file.blob, head);
    if (!changes)
      return { clear: false, reason: `it loaded ${file.path}, which cannot be compared by function` };
    if (changes.loadChanged) {
      return {
        clear: false,
        reason: `it loaded ${file.path}, where ${changes.loadReason ?? "loading changed"}`,
      };
    }
    const added = changes.addedLoads?.find((s) => !loads || !addedLoadIsInert(loads, record, file.path, s));
    if (added !== undefined)
      return { clear: false, reason: `it loaded ${file.path}, which now also loads ${added}` };
    if (changes.changedUnits.size === 0) continue;
    if (file.units === "all") return { clear: false, reason: `it ran ${file.path}, which changed` };
    if (file.units.some((unit) => changes.changedUnits.has(unit))) {
      return { clear: false, reason: `it ran a changed function of ${file.path}` };
    }
  }
  return { clear: true, ...(record.commit ? { commit: record.commit } : {}), files: changedFiles };
}
