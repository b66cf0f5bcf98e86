import type { TestEvidence } from "../select/decide.js";

/**
 * The tests a coverage record could clear: affected by name (so the graph alone keeps them), not
 * selected by a rule, not read by a type checker, and not reached some way coverage cannot see.
 */
export function coverageCandidates(evidence: readonly TestEvidence[]): string[] {
  return evidence
    .filter((e) => e.features.symbolHit && e.forced.length === 0 && !e.typeChecked && !e.coverageBlind)
    .map((e) => e.path);
}
