import type { WordPosition } from "./references.js";
import { shadowedAt } from "./shadowing.js";
import type { SyntaxNode } from "./syntax.js";

/** Nodes whose identifiers name types: `typeof x` and `ns.T` in a type. */
const TYPE_CONTEXTS = new Set(["type_query", "nested_type_identifier"]);

/** Identifiers that may name a local rather than the top-level binding. */
const SHADOWABLE = new Set([
  "identifier",
  "shorthand_property_identifier",
  "shorthand_property_identifier_pattern",
]);

/** Text inside literals: a word there names nothing, unless a direct `eval` runs it in scope. */
const LITERAL_TEXT = new Set(["string_fragment", "template_string", "regex_pattern", "jsx_text"]);

/**
 * What each word of the source is to the tree: code, a type, or neither (a comment, a key, a
 * literal's text, a local of the same name). Reads the tree only around the words asked about.
 */
export function wordPositions(
  root: SyntaxNode,
  source: string,
): (index: number, word: string) => WordPosition {
  const evals = /\beval\s*\(/.test(source);
  const shadowed = shadowedAt(root, source);
  return (index, word) => {
    const leaf = root.descendantForIndex(index);
    if (!leaf) return "value";
    if (LITERAL_TEXT.has(leaf.type)) return evals ? "value" : "none";
    // A keyword token: `string` or `number` as a primitive type. A key, a property or a method
    // name binds a name of an object. Neither refers to a variable (zod and valibot export
    // functions named `string`).
    if (!leaf.isNamed || leaf.type === "property_identifier") return "none";
    // A comment runs nothing, but JSDoc can type JavaScript for a checker (`@type {Shape}`).
    if (leaf.type === "type_identifier" || leaf.type === "comment") return "type";
    if (!SHADOWABLE.has(leaf.type)) return "value";
    // `typeof x` or `ns.T` in a type: only a word after `typeof` or before a dot can be one.
    if (
      /typeof\s+$/.test(source.slice(Math.max(0, index - 12), index)) ||
      source[index + word.length] === "."
    ) {
      const parent = leaf.parent;
      if (parent && TYPE_CONTEXTS.has(parent.type)) return "type";
      if (parent?.type === "member_expression" && parent.parent?.type === "type_query") return "type";
    }
    // A parameter or local of the same name (`(ctx, json) => …` beside a top-level `json`).
    return shadowed(index, word) ? "none" : "value";
  };
}
