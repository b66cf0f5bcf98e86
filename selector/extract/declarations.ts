import { leftmostName, variableNames } from "./binding-names.js";
import { childOfType, literalValue, type SyntaxNode } from "./syntax.js";
import type { Declaration } from "./types.js";

export type DeclarationShape = Pick<Declaration, "names" | "kind">;

const NAMED_KINDS: Record<string, Declaration["kind"]> = {
  function_declaration: "function",
  generator_function_declaration: "function",
  function_signature: "function",
  function_expression: "function",
  generator_function: "function",
  class_declaration: "class",
  abstract_class_declaration: "class",
  class: "class",
  type_alias_declaration: "type",
  interface_declaration: "interface",
  enum_declaration: "enum",
};

function moduleShape(node: SyntaxNode): DeclarationShape | undefined {
  const name = node.childForFieldName("name");
  if (!name) return undefined;
  // `declare module "x" {}` augments another module and binds nothing here; it is named for
  // what it declares, so a change inside it still maps to something.
  const quoted = literalValue(name);
  if (quoted !== undefined) return { names: [quoted], kind: "other" };
  return { names: [leftmostName(name)], kind: "namespace" };
}

/**
 * The names and kind of a top-level declaration node, or undefined when the node is not one.
 * `anonymousName` names `export default function () {}` and `export default class {}`.
 */
export function declarationShape(node: SyntaxNode, anonymousName?: string): DeclarationShape | undefined {
  const kind = NAMED_KINDS[node.type];
  if (kind) {
    const name = node.childForFieldName("name")?.text ?? anonymousName;
    return name === undefined ? undefined : { names: [name], kind };
  }
  switch (node.type) {
    case "lexical_declaration":
    case "variable_declaration":
      return { names: variableNames(node), kind: "variable" };
    case "internal_module":
    case "module":
      return moduleShape(node);
    case "expression_statement": {
      const inner = childOfType(node, "internal_module");
      return inner ? moduleShape(inner) : undefined;
    }
    case "import_alias": {
      const name = childOfType(node, "identifier")?.text;
      return name === undefined ? undefined : { names: [name], kind: "other" };
    }
    case "ambient_declaration":
      return ambientShape(node);
  }
  return undefined;
}

/** `declare …`: the inner declaration, or `declare global {}`. */
function ambientShape(node: SyntaxNode): DeclarationShape | undefined {
  const inner = node.namedChildren[0];
  if (!inner) return undefined;
  if (inner.type === "statement_block") return { names: ["global"], kind: "other" };
  return declarationShape(inner);
}
