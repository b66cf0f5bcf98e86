import { literalValue, type SyntaxNode } from "./syntax.js";

/**
 * What a specifier built at run time (`import(\`./locales/${lang}.ts\`)`, `require("./x/" + name)`)
 * can name: glob patterns covering every file it can match, or nothing static to go on.
 */
export type ComputedSpecifier = { patterns: string[] } | { unknown: string };

type Part = { text: string } | { hole: true };

/** The parts of a template literal or a `+` chain: static text, or a value known only at run time. */
function partsOf(node: SyntaxNode, out: Part[]): void {
  const text = literalValue(node);
  if (text !== undefined) {
    out.push({ text });
    return;
  }
  if (node.type === "parenthesized_expression" && node.namedChildren.length === 1) {
    partsOf(node.namedChildren[0]!, out);
    return;
  }
  if (node.type === "binary_expression" && node.childForFieldName("operator")?.type === "+") {
    partsOf(node.childForFieldName("left")!, out);
    partsOf(node.childForFieldName("right")!, out);
    return;
  }
  if (node.type === "template_string") {
    // The text between substitutions; a substitution's own value is unknown.
    let at = node.startIndex + 1;
    for (const child of node.namedChildren) {
      if (child.type !== "template_substitution") continue;
      out.push({ text: node.text.slice(at - node.startIndex, child.startIndex - node.startIndex) });
      out.push({ hole: true });
      at = child.endIndex;
    }
    out.push({ text: node.text.slice(at - node.startIndex, -1) });
    return;
  }
  out.push({ hole: true });
}

const GLOB_CHARS = /[\\*?[\]{}()!+@|]/g;
const escapeGlob = (text: string) => text.replace(GLOB_CHARS, "\\$&");

/** TypeScript sources are imported under their emitted extension (`./fr.js` is `fr.ts`). */
const EMITTED: Record<string, string> = {
  ".js": ".{js,jsx,ts,tsx}",
  ".jsx": ".{jsx,tsx}",
  ".mjs": ".{mjs,mts}",
  ".cjs": ".{cjs,cts}",
};

function tailGlob(tail: string): string {
  const extension = /\.[cm]?jsx?$/.exec(tail)?.[0];
  if (!extension) return escapeGlob(tail);
  return escapeGlob(tail.slice(0, -extension.length)) + EMITTED[extension];
}

/** A package name's end in a bare specifier: `pkg/…` or `@scope/pkg/…`; -1 when it is not complete. */
function packageNameEnd(prefix: string): number {
  const first = prefix.indexOf("/");
  if (first < 0) return -1;
  if (!prefix.startsWith("@")) return first;
  return prefix.indexOf("/", first + 1);
}

/**
 * Every file a specifier built at run time can name, as globs: a value may hold any text, `/`
 * included (Vitest and Node load whatever string the code builds), so beside the one-level match
 * `dir/prefix*tail` the folder below counts too. Static text between two values is dropped, which
 * can only widen the match. A specifier whose static start names no folder (a bare value, or a
 * package name still being built) can name anything: `unknown`.
 */
export function computedSpecifier(node: SyntaxNode): ComputedSpecifier {
  const parts: Part[] = [];
  partsOf(node, parts);
  const first = parts.findIndex((p) => "hole" in p);
  const prefix = parts
    .slice(0, first < 0 ? parts.length : first)
    .map((p) => ("text" in p ? p.text : ""))
    .join("");
  if (first < 0) return { patterns: [prefix] };
  const unknown = { unknown: node.text.length > 120 ? `${node.text.slice(0, 117)}...` : node.text };
  const relative = prefix.startsWith("./") || prefix.startsWith("../") || prefix.startsWith("/");
  const slash = prefix.lastIndexOf("/");
  if (slash < 0 || (!relative && slash < packageNameEnd(prefix))) return unknown;
  if (!relative && packageNameEnd(prefix) < 0) return unknown;
  let last = parts.length - 1;
  while (last >= 0 && !("hole" in parts[last]!)) last--;
  const tail = parts
    .slice(last + 1)
    .map((p) => ("text" in p ? p.text : ""))
    .join("");
  const dir = escapeGlob(prefix.slice(0, slash + 1));
  const start = escapeGlob(prefix.slice(slash + 1));
  const deeper = `${dir}${start}*/**`;
  return { patterns: tail.includes("/") ? [deeper] : [`${dir}${start}*${tailGlob(tail)}`, deeper] };
}
