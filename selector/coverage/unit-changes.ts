import type { FileUnits, TopStatement } from "./function-units.js";

/** What changed between the version of a file a test ran and the version under test. */
export interface UnitChanges {
  /** Loading the module runs something else now: a test that loaded it may see it. */
  loadChanged: boolean;
  /** Why, for the reason text. */
  loadReason?: string;
  /** Units of the recorded version whose code is gone (changed, moved away or deleted). */
  changedUnits: ReadonlySet<number>;
  /**
   * Modules it loads now that it did not, the others loaded in the same order as before: harmless
   * to a test when loading them runs nothing new (added-loads.ts decides, per test).
   */
  addedLoads?: string[];
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
export const loadsOf = (statements: readonly TopStatement[]) => [
  ...new Set(statements.flatMap((s) => (s.role === "load" ? [s.specifier ?? ""] : []))),
];

/** Whether `before` is `after` with some items left out, the rest in the same order. */
function isSubsequence(before: readonly string[], after: readonly string[]): boolean {
  let i = 0;
  for (const item of after) if (item === before[i]) i += 1;
  return i === before.length;
}

type LoadChange = { reason: string } | { added?: string[]; values?: ReadonlySet<string> } | undefined;

const escapeDollar = (name: string) => name.replace(/[$]/g, "\\$");

/** Whether a text mentions any of the names, as a word (a string or a property of that name too). */
export function mentioner(names: ReadonlySet<string>): (text: string | undefined) => boolean {
  const word = new RegExp(`(?<![\\w$])(?:${[...names].map(escapeDollar).join("|")})(?![\\w$])`);
  return (text) => text !== undefined && word.test(text);
}

/** Statements of `role` whose code appears more often in `these` than in `those`. */
function surplus(these: readonly TopStatement[], those: readonly TopStatement[], role: TopStatement["role"]) {
  const left = counts(codesOf(those, role));
  return these.filter((s) => {
    if (s.role !== role) return false;
    const n = left.get(s.code) ?? 0;
    if (n > 0) left.set(s.code, n - 1);
    return n === 0;
  });
}

/**
 * Values bound at the top level that differ (added, removed, or bound anew), with every value that
 * reads one of them: their readers run differently, loading does not, unless top-level code reads
 * them or another module can import one that changed (then loading counts as changed).
 */
function valueChange(
  before: FileUnits,
  after: FileUnits,
): { reason: string } | { names: Set<string> } | undefined {
  const gone = surplus(before.statements, after.statements, "value");
  const came = surplus(after.statements, before.statements, "value");
  if (gone.length === 0 && came.length === 0) return undefined;
  if (gone.some((s) => s.exported)) return { reason: "a value it exports changed" };
  const names = new Set([...gone, ...came].flatMap((s) => s.names ?? []));
  const kept = after.statements.filter((s) => s.role === "value" && !came.includes(s));
  for (let grew = true; grew; ) {
    grew = false;
    const reads = mentioner(names);
    for (const statement of kept) {
      if (!reads(statement.text) || (statement.names ?? []).every((n) => names.has(n))) continue;
      if (statement.exported) return { reason: "a value it exports reads a changed value" };
      for (const name of statement.names ?? []) names.add(name);
      grew = true;
    }
  }
  const reads = mentioner(names);
  if (after.statements.some((s) => s.role === "effect" && reads(s.text))) {
    return { reason: "its top-level code reads a changed value" };
  }
  return { names };
}

/**
 * How loading the module differs. What runs on load: statements that run code (as a multiset:
 * their order among definitions is no change) and the modules it loads, in order. Definitions of
 * functions and types do not run; a changed function body is a unit change instead, and so is a
 * function reading a changed value (valueChange). Names exported or removed are the graph's to
 * follow (select/name-changes.ts): a test sees them only through a name it uses or a namespace it
 * reads whole. Modules only added to the loads are answered as such: whether loading them runs
 * anything new depends on what the test had loaded.
 */
function loadChange(before: FileUnits, after: FileUnits): LoadChange {
  const effects = (file: FileUnits) => counts(codesOf(file.statements, "effect"));
  if (!sameCounts(effects(before), effects(after))) return { reason: "its top-level code changed" };
  const values = valueChange(before, after);
  if (values && "reason" in values) return values;
  const was = loadsOf(before.statements);
  const now = loadsOf(after.statements);
  const sameLoads = was.join("\n") === now.join("\n");
  if (!sameLoads && !isSubsequence(was, now)) return { reason: "the modules it loads changed" };
  if (sameLoads && !values) return undefined;
  return {
    ...(sameLoads ? {} : { added: now.filter((specifier) => !was.includes(specifier)) }),
    ...(values ? { values: values.names } : {}),
  };
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
  const load = loadChange(before, after);
  // A function reading a value that changed runs differently though its own code is the same.
  const reads = load && "values" in load && load.values ? mentioner(load.values) : () => false;
  const changedUnits = new Set<number>();
  before.units.forEach((unit, index) => {
    if (lost.has(unit.code) || reads(unit.text)) changedUnits.add(index);
  });
  if (load && "reason" in load) return { loadChanged: true, loadReason: load.reason, changedUnits };
  return { loadChanged: false, changedUnits, ...(load?.added ? { addedLoads: load.added } : {}) };
}
