import type { SyntaxNode } from "./syntax.js";

/** Every identifier a destructuring pattern binds: `{ a, b: [c, ...d], e = 1, ...f }`. */
export function patternNames(node: SyntaxNode | null, into: string[] = []): string[] {
  if (!node) return into;
  switch (node.type) {
    case "identifier":
    case "shorthand_property_identifier_pattern":
      into.push(node.text);
      break;
    case "pair_pattern":
      patternNames(node.childForFieldName("value"), into);
      break;
    case "object_assignment_pattern":
    case "assignment_pattern":
      patternNames(node.childForFieldName("left"), into);
      break;
    case "object_pattern":
    case "array_pattern":
    case "rest_pattern":
      for (const child of node.namedChildren) patternNames(child, into);
      break;
  }
  return into;
}

/** Names bound by `const/let/var` (one statement may declare several). */
export function variableNames(node: SyntaxNode): string[] {
  const names: string[] = [];
  for (const declarator of node.namedChildren) {
    if (declarator.type === "variable_declarator") patternNames(declarator.childForFieldName("name"), names);
  }
  return names;
}

/** `namespace A.B.C {}` binds `A` in this file. */
export function leftmostName(node: SyntaxNode): string {
  let current = node;
  while (current.type === "nested_identifier" || current.type === "member_expression") {
    const object = current.childForFieldName("object") ?? current.namedChildren[0];
    if (!object) break;
    current = object;
  }
  return current.text;
}
