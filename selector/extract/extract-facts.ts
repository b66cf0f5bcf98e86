import { callImports } from "./call-imports.js";
import { docblockEnvironments } from "./docblock-environment.js";
import { bindCallImports } from "./dynamic-bindings.js";
import { recoverFromErrors } from "./error-recovery.js";
import { extractFactsFallback } from "./fallback.js";
import { fsReads } from "./fs-reads.js";
import { globReads } from "./glob-reads.js";
import { readNamespaceMembers } from "./namespace-members.js";
import { languageFor, withTree } from "./parser.js";
import { type CompiledQueries, queriesFor } from "./queries.js";
import { fillReferences, topLevelNames } from "./references.js";
import { isSingleFileComponent, sfcScriptText } from "./sfc-script.js";
import { spawnedScripts } from "./spawned-scripts.js";
import { spelledPaths } from "./spelled-paths.js";
import { stringImports } from "./string-imports.js";
import type { SyntaxNode } from "./syntax-tree.js";
import { readTopLevel } from "./top-level.js";
import type { FileFacts } from "./types.js";
import { blankVarianceModifiers } from "./variance-modifiers.js";
import { wordPositions } from "./word-position.js";

export { extractFactsFallback } from "./fallback.js";

/** Leaf node types whose words are text, not code. */
const NOT_CODE = new Set([
  "comment",
  "string_fragment",
  "string",
  "template_string",
  "regex_pattern",
  "jsx_text",
]);

/** Beyond this a file is generated or vendored; parsing it costs more than its edges are worth. */
export const MAX_PARSED_CHARS = 2 * 1024 * 1024;

function notParsedReason(path: string, source: string): string | undefined {
  if (source.length > MAX_PARSED_CHARS) return `not parsed: larger than ${MAX_PARSED_CHARS} characters`;
  if (source.includes("\u0000")) return "not parsed: binary content (NUL byte)";
  if (!languageFor(path)) return "not parsed: not a JavaScript or TypeScript source";
  return undefined;
}

function parseFacts(path: string, original: string): FileFacts {
  const grammar = languageFor(path)!;
  const queries = queriesFor(grammar);
  const script = isSingleFileComponent(path) ? sfcScriptText(path, original) : original;
  const source = blankVarianceModifiers(script);
  return withTree(source, grammar, ({ rootNode: root }) => readFacts(root, source, queries, path));
}

function readFacts(root: SyntaxNode, source: string, queries: CompiledQueries, path: string): FileFacts {
  const top = readTopLevel(root);
  // Both passes find candidates by text and ask the tree only about those: a query over the
  // whole tree costs about half a parse even when it matches nothing.
  const { calls, loads } = callImports(root, source, queries.calls, top.imports);
  stringImports(root, source, { spans: top.importSpans, calls }, top.imports);
  fsReads(root, source, path, top.imports);
  globReads(root, source, path, top.imports);
  docblockEnvironments(source, path, top.imports);
  spawnedScripts(root, source, path, top.imports);
  spelledPaths(root, source, path, top.imports);
  const inCode = (index: number) => !NOT_CODE.has(root.descendantForIndex(index)?.type ?? "");
  bindCallImports(source, loads, top.sites, inCode);
  const syntaxErrors = recoverFromErrors(root, queries.errors, top.imports);
  const names = topLevelNames(
    top.declarations.map((d) => d.names),
    top.imports,
  );
  readNamespaceMembers(source, top.imports, top.importSpans, (index) => !inCode(index));
  const memberRead = new Set<string>();
  for (const record of top.imports) {
    if (record.namespaceLocal && record.members) memberRead.add(record.namespaceLocal);
  }
  fillReferences(source, top.sites, names, memberRead, wordPositions(root, source));
  // Most sites name no type they do not also run: keep the cached facts small.
  for (const item of [...top.declarations, ...top.statements]) {
    if (item.typeReferences?.length === 0) delete item.typeReferences;
  }
  return {
    // Call and string imports were found after the top-level ones: document order reads better.
    imports: top.imports.sort((a, b) => a.line - b.line),
    declarations: top.declarations,
    statements: top.statements,
    localExports: top.localExports,
    syntaxErrors,
  };
}

/**
 * Imports, top-level declarations, statements and local exports of one source file. Never
 * throws: a file that cannot be parsed gets regex-read imports and a `note` saying why.
 */
export function extractFacts(path: string, source: string): FileFacts {
  const facts = factsOf(path, source);
  // Vitest's own test for an in-source test file (`isInSourceTestCode`): the text, not the syntax.
  if (source.includes("import.meta.vitest")) facts.inSourceTests = true;
  return facts;
}

function factsOf(path: string, source: string): FileFacts {
  const reason = notParsedReason(path, source);
  if (reason) return extractFactsFallback(languageFor(path) ? source : "", reason);
  try {
    return parseFacts(path, source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return extractFactsFallback(source, `not parsed: extraction failed (${message})`);
  }
}
