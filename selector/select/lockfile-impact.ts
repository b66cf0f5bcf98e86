import { analyzeLockfileChange } from "../lockfile/analyze-lockfile-change.js";
import type { RulesInput } from "./change-rules.js";

export interface LockfileImpact {
  fullReason?: string;
  workspaces: { dir: string; reason: string }[];
}

/** A file's text at a revision; undefined when it is absent there or there is no such revision. */
export async function textAt(
  source: RulesInput["head"] | undefined,
  path: string,
): Promise<string | undefined> {
  if (!source) return undefined;
  return (await source.read([path])).get(path)?.toString("utf8");
}

/**
 * A lockfile change narrowed to the workspaces whose dependencies changed. Whatever cannot be
 * narrowed (an unreadable lockfile, no base to compare with) runs everything.
 */
export async function lockfileImpact(input: RulesInput, path: string): Promise<LockfileImpact> {
  if (!input.base)
    return { fullReason: `${path} changed and there is no base revision to compare it with`, workspaces: [] };
  const analysis = analyzeLockfileChange({
    path,
    baseText: await textAt(input.base, path),
    headText: await textAt(input.head, path),
    workspaces: input.snapshot.resolver.workspaces(),
  });
  if ("error" in analysis) return { fullReason: `${path} changed: ${analysis.error}`, workspaces: [] };
  if (analysis.unattributed.length > 0) {
    input.warnings.push({
      code: "LOCKFILE_UNATTRIBUTED",
      message: `changed packages no workspace depends on: ${analysis.unattributed.slice(0, 10).join(", ")}`,
      file: path,
    });
  }
  return { workspaces: analysis.workspaces.map((ws) => ({ dir: ws.dir, reason: ws.reason })) };
}
