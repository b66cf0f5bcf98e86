import type { Diff } from "../diff/types.js";
import { type CodeOf, codeText, runtimeCodeText } from "../extract/code-text.js";
import { MAX_PARSED_CHARS } from "../extract/extract-facts.js";
import { languageFor } from "../extract/parser.js";
import type { RevisionSource } from "../repo/revision-source.js";

export interface ChangedCode {
  head: CodeOf;
  base: CodeOf;
  /** Both sides with types erased (code-text.ts `runtimeCodeText`), when both can be read so. */
  runtime?: { head: CodeOf; base: CodeOf };
}

/**
 * Both sides of every modified source file, read so that an edit of comments or layout can be
 * told from an edit of code (graph/unchanged-code.ts). A file either side cannot read that way is
 * left out, and its every edited declaration counts.
 */
export async function changedCode(
  diff: Diff,
  head: RevisionSource,
  base: RevisionSource | undefined,
): Promise<Map<string, ChangedCode>> {
  const result = new Map<string, ChangedCode>();
  if (!base) return result;
  const changes = diff.files.filter((c) => c.status === "modified" && !c.binary && languageFor(c.path));
  if (changes.length === 0) return result;
  const paths = changes.map((c) => c.path);
  const [after, before] = await Promise.all([head.read(paths), base.read(paths)]);
  for (const path of paths) {
    const headText = after.get(path)?.toString("utf8");
    const baseText = before.get(path)?.toString("utf8");
    if (headText === undefined || baseText === undefined) continue;
    if (headText.length > MAX_PARSED_CHARS || baseText.length > MAX_PARSED_CHARS) continue;
    const headCode = codeText(path, headText);
    const baseCode = codeText(path, baseText);
    if (!headCode || !baseCode) continue;
    const runtimeHead = runtimeCodeText(path, headText);
    const runtimeBase = runtimeCodeText(path, baseText);
    result.set(path, {
      head: headCode,
      base: baseCode,
      ...(runtimeHead && runtimeBase ? { runtime: { head: runtimeHead, base: runtimeBase } } : {}),
    });
  }
  return result;
}
