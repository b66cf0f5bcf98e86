import { exportTargets } from "./export-targets.js";
import type { FileIndex } from "./file-index.js";
import type { Manifests } from "./manifests.js";
import { probeFile, probeIndex } from "./probe-file.js";
import { joinPath } from "./repo-path.js";
import { isBuildOutput, type OutputLayout, sourceStems } from "./to-source-path.js";
import type { WorkspacePackage } from "./types.js";

export interface PackageContext {
  files: FileIndex;
  manifests: Manifests;
  /** The package's tsconfig outDir/rootDir, when it declares them. */
  layoutOf(pkgDir: string): OutputLayout | undefined;
}

const DIRECTORY_FIELDS = ["types", "typings", "main", "module", "source"] as const;
const WORKSPACE_FIELDS = ["types", "typings", "module", "main", "source"] as const;

function probeAny(files: FileIndex, path: string): string | undefined {
  return probeFile(files, path)?.path ?? probeIndex(files, path);
}

/**
 * A manifest target (`./dist/index.js`, `./src/index.ts`) as a source file of the repository.
 * An existing file outside build folders is taken as is; a missing one is probed (`.js` -> `.ts`);
 * build output, present or not, is mapped back to the source it was built from first.
 */
export function resolvePackageTarget(
  ctx: PackageContext,
  pkgDir: string,
  target: string,
): string | undefined {
  const full = joinPath(pkgDir, target);
  if (full === undefined || full === pkgDir)
    return full === pkgDir ? probeIndex(ctx.files, pkgDir) : undefined;
  const layout = ctx.layoutOf(pkgDir);
  const output = isBuildOutput(pkgDir, full, layout);
  if (!output || !ctx.files.has(full)) {
    const direct = probeFile(ctx.files, full)?.path;
    if (direct !== undefined && !(output && isBuildOutput(pkgDir, direct, layout))) return direct;
  }
  for (const stem of sourceStems(pkgDir, full, layout)) {
    const source = probeAny(ctx.files, stem);
    if (source !== undefined) return source;
  }
  // Committed build output with no source beside it is still the file that runs.
  return probeAny(ctx.files, full);
}

/** A directory import: its package.json entry fields, then `index.*`. */
export function resolveDirectory(ctx: PackageContext, dir: string): string | undefined {
  const manifest = ctx.manifests.at(dir);
  if (manifest) {
    for (const field of DIRECTORY_FIELDS) {
      const target = manifest[field];
      if (typeof target !== "string") continue;
      const found = resolvePackageTarget(ctx, dir, target);
      if (found !== undefined) return found;
    }
  }
  return probeIndex(ctx.files, dir);
}

export interface EntryFound {
  path: string;
  /** Which part of the package decided: "exports", "subpath", a field name, or "index". */
  rule: string;
  /** Other files the entry names under other conditions (see Resolution). */
  alternatives?: string[];
}

/**
 * Every file a conditional map's targets name, the package's preferred one first. The runner's
 * conditions decide which it loads (Vitest in Node: `node`, `development`; Jest with jsdom:
 * `browser`), and they are not known here, so each one counts.
 */
export function targetFiles(ctx: PackageContext, pkgDir: string, targets: Iterable<string>): string[] {
  const files: string[] = [];
  for (const target of targets) {
    const found = resolvePackageTarget(ctx, pkgDir, target);
    if (found !== undefined && !files.includes(found)) files.push(found);
  }
  return files;
}

/** The first file and the others, as an entry's `path` and `alternatives`. */
export function withAlternatives(files: readonly string[]): { path: string; alternatives?: string[] } {
  const [path, ...others] = files;
  return others.length > 0 ? { path: path!, alternatives: others } : { path: path! };
}

function fromExports(ctx: PackageContext, pkg: WorkspacePackage, subpath: string): string[] {
  const manifest = ctx.manifests.at(pkg.dir);
  if (!manifest) return [];
  return targetFiles(ctx, pkg.dir, exportTargets(manifest, subpath === "" ? "." : `./${subpath}`));
}

/**
 * `@scope/pkg[/sub/path]` inside a workspace package: `exports` first; when they do not map it
 * (or the package has none), the subpath as a path in the package, or the entry fields.
 * Falling back past `exports` is deliberate: a stale exports map must not hide an edge.
 */
export function resolveWorkspaceEntry(
  ctx: PackageContext,
  pkg: WorkspacePackage,
  subpath: string,
): EntryFound | undefined {
  const exported = fromExports(ctx, pkg, subpath);
  if (exported.length > 0) return { ...withAlternatives(exported), rule: "exports" };
  if (subpath !== "") {
    const target = resolvePackageTarget(ctx, pkg.dir, `./${subpath}`);
    return target === undefined ? undefined : { path: target, rule: "subpath" };
  }
  const manifest = ctx.manifests.at(pkg.dir);
  // Vite may take `module` where Jest and Node take `main`: each field's file may be the one loaded.
  const found = WORKSPACE_FIELDS.flatMap((field) => {
    const target = manifest?.[field];
    const file = typeof target === "string" ? resolvePackageTarget(ctx, pkg.dir, target) : undefined;
    return file === undefined ? [] : [{ field, file }];
  });
  if (found.length > 0) {
    const files = [...new Set(found.map(({ file }) => file))];
    return { ...withAlternatives(files), rule: found[0]!.field };
  }
  const index = probeIndex(ctx.files, pkg.dir) ?? probeIndex(ctx.files, joinPath(pkg.dir, "src") ?? "src");
  return index === undefined ? undefined : { path: index, rule: "index" };
}
