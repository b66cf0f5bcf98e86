import type { LockfileModel, PackageChanges } from "./types.js";

/** A workspace package, as the resolver lists them (structurally its WorkspacePackage). */
export interface LockfileWorkspace {
  name: string;
  /** Repository-relative directory of its package.json, "" for the root. */
  dir: string;
  dependencies: readonly string[];
}

export interface AffectedWorkspace {
  dir: string;
  name?: string;
  /** One line for the decision: the first reasons, the rest counted. */
  reason: string;
  reasons: string[];
  /** The changed packages (or changed workspaces) behind the reasons. */
  packages: string[];
}

export interface AffectedInput {
  changes: PackageChanges;
  /** Package name -> names it depends on, from the lockfile (base and head together). */
  relations: ReadonlyMap<string, ReadonlySet<string>>;
  workspaces: readonly LockfileWorkspace[];
  /** Repository-relative directory of the lockfile; importer directories are relative to it. */
  lockfileDir?: string;
}

type Relations = Map<string, Set<string>>;

function link(relations: Relations, from: string, to: string): void {
  const set = relations.get(from) ?? new Set<string>();
  set.add(to);
  relations.set(from, set);
}

/** Who depends on what, by name, from every lockfile given: instances of one name are merged, which only over-selects. */
export function dependencyRelations(...models: LockfileModel[]): Map<string, Set<string>> {
  const relations: Relations = new Map();
  for (const model of models) {
    for (const pkg of model.packages) for (const dep of pkg.dependencies) link(relations, pkg.name, dep);
    for (const [dir, deps] of model.importers) {
      const name = model.importerNames.get(dir);
      if (name) for (const dep of deps.keys()) link(relations, name, dep);
    }
  }
  return relations;
}

export const joinDir = (base: string, dir: string) => (!base ? dir : !dir ? base : `${base}/${dir}`);
const within = (root: string, dir: string) => root === "" || dir === root || dir.startsWith(`${root}/`);

/** Breadth-first up the reverse relation from one changed name: each dependent's next step toward it. */
function dependentsOf(changed: string, reverse: Relations): Map<string, string | undefined> {
  const next = new Map<string, string | undefined>([[changed, undefined]]);
  const queue = [changed];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    for (const dependent of reverse.get(name) ?? []) {
      if (next.has(dependent)) continue;
      next.set(dependent, name);
      queue.push(dependent);
    }
  }
  return next;
}

/** The names from `start` down to the changed package, both included. */
function pathDown(next: ReadonlyMap<string, string | undefined>, start: string): string[] {
  const path = [start];
  for (let step = next.get(start); step !== undefined; step = next.get(step)) path.push(step);
  return path;
}

function describeChange(changes: PackageChanges, name: string): string {
  const versions = changes.versions?.get(name);
  if (!versions) return `${name} changed`;
  const { before, after } = versions;
  if (before.length === 0) return `${name} added (${after.join(", ") || "?"})`;
  if (after.length === 0) return `${name} removed (${before.join(", ")})`;
  return `${name} ${before.join(", ")} -> ${after.join(", ")}`;
}

function summarise(reasons: string[]): string {
  const shown = reasons.slice(0, 3).join("; ");
  return reasons.length > 3 ? `${shown} (+${reasons.length - 3} more)` : shown;
}

/** The shortest path from one of the workspace's direct dependencies down to the changed package. */
function nearestPath(
  ws: LockfileWorkspace,
  next: ReadonlyMap<string, string | undefined>,
): string[] | undefined {
  let best: string[] | undefined;
  for (const dep of ws.dependencies) {
    if (dep === ws.name || !next.has(dep)) continue;
    const path = pathDown(next, dep);
    if (!best || path.length < best.length) best = path;
  }
  return best;
}

function reverseRelations(
  relations: AffectedInput["relations"],
  workspaces: readonly LockfileWorkspace[],
): Relations {
  const reverse: Relations = new Map();
  for (const [name, deps] of relations) for (const dep of deps) link(reverse, dep, name);
  for (const ws of workspaces) if (ws.name) for (const dep of ws.dependencies) link(reverse, dep, ws.name);
  return reverse;
}

interface Seed {
  name: string;
  reason: string;
}

type Found = Map<string, { name: string | undefined; reasons: string[]; packages: Set<string> }>;

function record(
  found: Found,
  ws: { dir: string; name?: string | undefined },
  cause: string,
  reason: string,
): void {
  const entry = found.get(ws.dir) ?? { name: ws.name, reasons: [], packages: new Set<string>() };
  if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
  entry.packages.add(cause);
  found.set(ws.dir, entry);
}

/** Importers whose own lockfile entry changed are affected directly, and stand for a change to their dependents. */
function importerSeeds(input: AffectedInput, scoped: readonly LockfileWorkspace[], found: Found): Seed[] {
  const seeds: Seed[] = [];
  for (const [dir, names] of input.changes.byImporter ?? []) {
    const wsDir = joinDir(input.lockfileDir ?? "", dir);
    const ws = scoped.find((w) => w.dir === wsDir);
    const sorted = [...names].sort();
    for (const name of sorted) {
      const what = input.changes.changed.has(name)
        ? describeChange(input.changes, name)
        : `${name} specifier changed`;
      record(found, { dir: wsDir, name: ws?.name }, name, what);
    }
    if (ws?.name)
      seeds.push({ name: ws.name, reason: `dependencies of ${ws.name} changed (${sorted.join(", ")})` });
  }
  return seeds;
}

/**
 * The workspaces a lockfile change can break: those whose direct dependencies changed, or reach a
 * changed package through the lockfile's dependency relation or through other workspaces, and the
 * importers whose own entry changed. Each carries reasons like
 * `zod 3.22.0 -> 3.23.8 (via @acme/schemas)`. Workspaces outside the lockfile's directory are not
 * governed by it and never affected.
 */
export function affectedWorkspaces(input: AffectedInput): AffectedWorkspace[] {
  const scoped = input.workspaces.filter((ws) => within(input.lockfileDir ?? "", ws.dir));
  const found: Found = new Map();
  const seeds: Seed[] = [...input.changes.changed]
    .sort()
    .map((name) => ({ name, reason: describeChange(input.changes, name) }));
  seeds.push(...importerSeeds(input, scoped, found));
  const reverse = reverseRelations(input.relations, scoped);
  for (const seed of seeds) {
    const next = dependentsOf(seed.name, reverse);
    for (const ws of scoped) {
      const path = nearestPath(ws, next);
      if (!path) continue;
      const via = path.slice(0, -1);
      record(found, ws, seed.name, via.length > 0 ? `${seed.reason} (via ${via.join(" -> ")})` : seed.reason);
    }
  }
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, { name, reasons, packages }]) => ({
      dir,
      ...(name ? { name } : {}),
      reason: summarise(reasons),
      reasons,
      packages: [...packages].sort(),
    }));
}
