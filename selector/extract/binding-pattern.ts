import { literalValue, type SyntaxNode } from "./syntax.js";

/**
 * The module members an object pattern takes: `{ a, b: c }` narrows to a, b (bound as a, c).
 * A rest element, a nested or computed pattern reads what cannot be listed: undefined.
 */
export function bindingPattern(pattern: SyntaxNode): { names: string[]; locals: string[] } | undefined {
  if (pattern.type !== "object_pattern") return undefined;
  const names: string[] = [];
  const locals: string[] = [];
  for (const part of pattern.namedChildren) {
    if (part.type === "shorthand_property_identifier_pattern") {
      names.push(part.text);
      locals.push(part.text);
    } else if (part.type === "object_assignment_pattern") {
      const left = part.childForFieldName("left");
      if (left?.type !== "shorthand_property_identifier_pattern") return undefined;
      names.push(left.text);
      locals.push(left.text);
    } else if (part.type === "pair_pattern") {
      const key = part.childForFieldName("key");
      const value = part.childForFieldName("value");
      const local = value?.type === "assignment_pattern" ? value.childForFieldName("left") : value;
      if (!key || local?.type !== "identifier" || key.type === "computed_property_name") return undefined;
      names.push(literalValue(key) ?? key.text);
      locals.push(local.text);
    } else if (part.type !== "comment") {
      return undefined;
    }
  }
  return { names, locals };
}
