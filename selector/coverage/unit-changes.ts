import type { FileUnits, TopStatement } from "./function-units.js";

/** What changed between the version of a file a test ran and the version under test. */
export interface UnitChanges {
  /** Loading the module runs something else now: a test that loaded it may see it. */
  loadChanged: boolean;
  /** Why, for the reason text. */
  loadReason?: string;
  /** Units of the recorded version whose code is gone (changed, moved away or deleted). */
  changedUnits: ReadonlySet<number>;
}

function counts(codes: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const code of codes) out.set(code, (out.get(code) ?? 0) + 1);
  return out;
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, count] of a) if (b.get(key) !== count) return false;
  return true;
}

const codesOf = (statements: readonly TopStatement[], role: TopStatement["role"]) =>
  statements.filter((s) => s.role === role).map((s) => s.code);

/** The modules loaded, in the order they are first named: the order their loading runs. */
const loadsOf = (statements: readonly TopStatement[]) =>
  [...new Set(statements.flatMap((s) => (s.role === "load" ? [s.specifier ?? ""] : [])))].join("\n");

/**
 * Why loading the module differs, or undefined. What runs on load: statements that run code (as a
 * multiset: their order among definitions is no change) and the modules it loads, in order.
 * Definitions of functions and types do not run; a changed function body is a unit change
 * instead. Names exported or removed are the graph's to follow (select/name-changes.ts): a test
 * sees them only through a name it uses or a namespace it reads whole.
 */
function loadChange(before: FileUnits, after: FileUnits): string | undefined {
  if (
    !sameCounts(counts(codesOf(before.statements, "effect")), counts(codesOf(after.statements, "effect")))
  ) {
    return "its top-level code changed";
  }
  if (loadsOf(before.statements) !== loadsOf(after.statements)) return "the modules it loads changed";
  return undefined;
}

/**
 * The units of `before` a run of `after` would not run the same: those whose code no longer
 * appears as often (with copies, every copy counts as changed: which one went is unknown).
 */
export function unitChanges(before: FileUnits, after: FileUnits): UnitChanges {
  const remaining = counts(after.units.map((u) => u.code));
  const lost = new Set<string>();
  for (const [code, count] of counts(before.units.map((u) => u.code))) {
    if ((remaining.get(code) ?? 0) < count) lost.add(code);
  }
  const changedUnits = new Set<number>();
  before.units.forEach((unit, index) => {
    if (lost.has(unit.code)) changedUnits.add(index);
  });
  const reason = loadChange(before, after);
  return { loadChanged: reason !== undefined, ...(reason ? { loadReason: reason } : {}), changedUnits };
}
