import { dirOf } from "../resolve/repo-path.js";
import {
  type AffectedWorkspace,
  affectedWorkspaces,
  dependencyRelations,
  joinDir,
  type LockfileWorkspace,
} from "./affected-workspaces.js";
import { comparePackages } from "./changed-packages.js";
import { emptyModel, lockfileKind, parseLockfile } from "./parse-lockfile.js";
import type { LockfileModel, PackageChanges } from "./types.js";

export interface LockfileChangeInput {
  /** Repository-relative path of the lockfile. */
  path: string;
  /** Its text at base and at head; undefined where it did not exist. */
  baseText: string | undefined;
  headText: string | undefined;
  /** The repository's workspace packages (the resolver's list). */
  workspaces: readonly LockfileWorkspace[];
}

export interface LockfileChange {
  changes: PackageChanges;
  workspaces: AffectedWorkspace[];
  /** Changed packages no workspace reaches: nothing selected for them, worth a warning. */
  unattributed: string[];
}

/** The resolver's workspaces plus those only the lockfile records, their dependency lists merged. */
function mergeWorkspaces(input: LockfileChangeInput, models: LockfileModel[]): LockfileWorkspace[] {
  const byDir = new Map(
    input.workspaces.map((ws) => [ws.dir, { ...ws, dependencies: new Set(ws.dependencies) }]),
  );
  for (const model of models) {
    for (const [dir, deps] of model.importers) {
      const wsDir = joinDir(dirOf(input.path), dir);
      const ws = byDir.get(wsDir) ?? {
        name: model.importerNames.get(dir) ?? "",
        dir: wsDir,
        dependencies: new Set<string>(),
      };
      for (const name of deps.keys()) ws.dependencies.add(name);
      byDir.set(wsDir, ws);
    }
  }
  return [...byDir.values()].map((ws) => ({ ...ws, dependencies: [...ws.dependencies] }));
}

function readSide(input: LockfileChangeInput, side: "base" | "head"): LockfileModel | { error: string } {
  const source = side === "base" ? input.baseText : input.headText;
  const kind = lockfileKind(input.path);
  if (!kind) return { error: `${input.path} is not a known lockfile` };
  if (source === undefined) return emptyModel();
  const model = parseLockfile(kind, source);
  return "error" in model ? { error: `${input.path} at ${side} unreadable: ${model.error}` } : model;
}

/**
 * Which workspaces a lockfile change affects, and why: the whole analysis the selection's
 * lockfile rule needs. `{error}` means the change cannot be narrowed and everything must run.
 */
export function analyzeLockfileChange(input: LockfileChangeInput): LockfileChange | { error: string } {
  const base = readSide(input, "base");
  if ("error" in base) return base;
  const head = readSide(input, "head");
  if ("error" in head) return head;
  const changes = comparePackages(base, head);
  const workspaces = mergeWorkspaces(input, [base, head]);
  const anyChange = changes.changed.size > 0 || (changes.byImporter?.size ?? 0) > 0;
  if (anyChange && workspaces.length === 0)
    return { error: `${input.path}: no workspace is known to narrow the change to` };
  const relations = dependencyRelations(base, head);
  const affected = affectedWorkspaces({ changes, relations, workspaces, lockfileDir: dirOf(input.path) });
  const reached = new Set(affected.flatMap((ws) => ws.packages));
  const unattributed = [...changes.changed].filter((name) => !reached.has(name)).sort();
  return { changes, workspaces: affected, unattributed };
}

/**
 * The workspaces that depend on the named installed packages, directly or through the lockfile's
 * dependency relation (its text at head; none given, the manifests' direct dependencies alone):
 * what a change to those packages' installed files can break, as a lockfile change would.
 */
export function workspacesReaching(
  lockfile: { path: string; text: string } | undefined,
  workspaces: readonly LockfileWorkspace[],
  names: readonly string[],
): AffectedWorkspace[] | { error: string } {
  let model = emptyModel();
  if (lockfile) {
    const input = { path: lockfile.path, baseText: undefined, headText: lockfile.text, workspaces };
    const head = readSide(input, "head");
    if ("error" in head) return head;
    model = head;
  }
  const merged = lockfile
    ? mergeWorkspaces({ path: lockfile.path, baseText: undefined, headText: lockfile.text, workspaces }, [
        model,
      ])
    : [...workspaces];
  return affectedWorkspaces({
    changes: { changed: new Set(names) },
    relations: dependencyRelations(model),
    workspaces: merged,
    ...(lockfile ? { lockfileDir: dirOf(lockfile.path) } : {}),
  });
}
