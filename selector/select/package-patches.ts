import { workspacesReaching } from "../lockfile/analyze-lockfile-change.js";
import { classifyBuiltin } from "../policy/builtin-rules.js";
import { dirOf } from "../resolve/repo-path.js";
import type { RulesInput } from "./change-rules.js";
import { type LockfileImpact, textAt } from "./lockfile-impact.js";

const PATCH_FILE = /(?:^|\/)patches\/([^/]+)\.patch$/;
/** A patch-package diff names the files it patches: `--- a/node_modules/@scope/name/index.js`. */
const PATCHED_PATH = /^(?:---|\+\+\+) [ab]\/node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm;

/**
 * The package a patch file changes once installed, from its name: patch-package's
 * `@scope+name+1.0.0.patch` (`parent++child+1.0.0` for a nested copy, `.dev` and sequence
 * suffixes after the version) or pnpm's `@scope__name@1.0.0.patch`. Undefined for other names.
 */
export function patchedPackageOfName(path: string): string | undefined {
  const match = PATCH_FILE.exec(path);
  if (!match) return undefined;
  const last = match[1]!.split("++").at(-1)!;
  if (last.includes("+")) {
    const parts = last.split("+");
    return parts[0]!.startsWith("@") && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const at = last.lastIndexOf("@");
  return at > 0 ? last.slice(0, at).replace("__", "/") : undefined;
}

/** The packages a patch's own diff headers name under node_modules. */
export function patchedPackagesOfText(text: string): string[] {
  return [...new Set([...text.matchAll(PATCHED_PATH)].map((m) => m[1]!))];
}

export const isPatchFile = (path: string) => PATCH_FILE.test(path);

/**
 * A changed package patch (patch-package, pnpm patch): the installed package changes with no
 * lockfile or source change in sight. Narrowed like a lockfile change, to the workspaces that
 * reach the package; a patch whose package cannot be read, or that no workspace reaches, runs
 * everything. A `.patch` naming no installed package is some other tool's: undefined.
 */
export async function patchImpact(input: RulesInput, path: string): Promise<LockfileImpact | undefined> {
  const text = (await textAt(input.head, path)) ?? (await textAt(input.base, path)) ?? "";
  const named = patchedPackageOfName(path);
  const names = [...new Set([...(named ? [named] : []), ...patchedPackagesOfText(text)])];
  if (names.length === 0) return undefined;
  const root = dirOf(dirOf(path));
  const lockfilePath = input.snapshot.paths.find(
    (p) => dirOf(p) === root && classifyBuiltin(p)?.kind === "lockfile",
  );
  const lockText = lockfilePath === undefined ? undefined : await textAt(input.head, lockfilePath);
  const lockfile =
    lockfilePath !== undefined && lockText !== undefined ? { path: lockfilePath, text: lockText } : undefined;
  const reached = workspacesReaching(lockfile, input.snapshot.resolver.workspaces(), names);
  const what = `${path} changed: a patch applied to the installed ${names.join(", ")}`;
  if ("error" in reached) return { fullReason: `${what}; ${reached.error}`, workspaces: [] };
  if (reached.length === 0)
    return {
      fullReason: `${what}, which no workspace is known to depend on: every test may load it`,
      workspaces: [],
    };
  return { workspaces: reached.map((ws) => ({ dir: ws.dir, reason: what })) };
}
