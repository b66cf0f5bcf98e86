import type { SyntaxNode } from "./syntax.js";

/** The call or `new` expression whose callee ends at `end`: `readFileSync(`, `cp.fork(`, `new Worker(`. */
function invocationEndingAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = root.descendantForIndex(start, end);
  while (node && node.endIndex === end && node.type !== "call_expression" && node.type !== "new_expression")
    node = node.parent;
  if (!node) return undefined;
  const callee =
    node.type === "call_expression"
      ? node.childForFieldName("function")
      : node.type === "new_expression"
        ? node.childForFieldName("constructor")
        : null;
  return callee?.endIndex === end ? node : undefined;
}

/**
 * The calls a text pattern finds by name (`/\breadFileSync\s*\(/g`, ending at the parenthesis),
 * confirmed by the tree: a name in a string or comment is no call. Finding by text first and
 * asking the tree only there costs far less than a query over the whole tree.
 */
export function* namedCalls(root: SyntaxNode, source: string, pattern: RegExp): Generator<SyntaxNode> {
  for (const match of source.matchAll(pattern)) {
    const nameEnd = match.index + match[0].replace(/\s*\($/, "").length;
    const call = invocationEndingAt(root, match.index, nameEnd);
    if (call) yield call;
  }
}
