import { languageFor } from "../extract/parser.js";
import type { DependencyGraph } from "../graph/types.js";
import type { RevisionSource } from "../repo/revision-source.js";
import { namer, readOnly, withoutSpecifiers } from "./computed-reads.js";
import { lineAt } from "./text-line.js";

/** A read by a path nothing static tells, in a config or a module it loads. */
export interface UnknownConfigRead {
  file: string;
  line: number;
  specifier: string;
  /** The changed file it may read, and where the config's code names it. */
  path: string;
  mention: { file: string; line: number };
}

/**
 * A runner config that reads a path built at run time (`readFileSync(process.env.SETTINGS ??
 * "./settings.json")` in the config, or in a helper it loads) may read any file: a changed file no
 * import reaches that the config's code names (its name with its folder's, as computed-reads.ts
 * asks) may be the one it reads, so it counts as config input. Undefined when there is no such read
 * or no changed file is named.
 */
export async function unknownConfigRead(
  graph: DependencyGraph,
  head: RevisionSource,
  files: readonly string[],
  changedPaths: readonly string[],
): Promise<UnknownConfigRead | undefined> {
  const reads = files.flatMap((file) =>
    (graph.nodes.get(file)?.unresolved ?? []).filter((item) => item.read).map((item) => ({ file, item })),
  );
  const changed = changedPaths.filter((path) => readOnly(graph, path));
  if (reads.length === 0 || changed.length === 0) return undefined;
  const sources = await head.read(files.filter((file) => languageFor(file)));
  const texts = [...sources].map(
    ([file, content]) => [file, withoutSpecifiers(content.toString("utf8"))] as const,
  );
  const [first] = reads;
  for (const path of changed) {
    const names = namer(path);
    for (const [file, text] of texts) {
      const pattern = names(text);
      const match = pattern?.exec(text);
      if (!match) continue;
      const mention = { file, line: lineAt(text, match.index) };
      return { file: first!.file, line: first!.item.line, specifier: first!.item.specifier, path, mention };
    }
  }
  return undefined;
}
