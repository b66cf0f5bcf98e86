import { hasToken, literalValue } from "../extract/syntax.js";
import type { SyntaxNode } from "../extract/syntax-tree.js";

/** How a top-level statement takes part in loading the module. */
export type StatementRole =
  /** Erased before it runs: types, interfaces, `declare`, `import type`, overload signatures. */
  | "types"
  /** Binds functions and nothing else: what changes in it runs only when a unit is called. */
  | "definition"
  /**
   * Binds names to values made without running code (literals, object and array literals,
   * `new Map()`): a change is seen by the code that reads the names, not by loading itself.
   */
  | "value"
  /** Loads another module (import, export-from): order and targets matter, bindings do not. */
  | "load"
  /** Runs code as the module loads. */
  | "effect";

export interface StatementRoleOf {
  role: StatementRole;
  /** For `load`: the module it names. */
  specifier?: string;
  /** For `value`: the names it binds. */
  names?: string[];
  /** For `value`: other modules can import them. */
  exported?: boolean;
}

export const TYPE_TYPES = [
  "type_annotation",
  "type_parameters",
  "type_arguments",
  "asserts_annotation",
  "type_predicate_annotation",
  "interface_declaration",
  "type_alias_declaration",
  "ambient_declaration",
  "function_signature",
  "method_signature",
  "abstract_method_signature",
  "index_signature",
];
const CLASS_TYPES = new Set(["class_declaration", "class", "abstract_class_declaration"]);
const PLAIN_REFERENCE = new Set(["identifier", "member_expression"]);

/**
 * Defining the class runs none of its code: no decorators, no static blocks or static field
 * values, no computed member names, and it extends a name (not a call's result). Such a class is
 * a unit of its own, run when it is constructed; any other class is code that runs on load.
 */
export function definesPurely(node: SyntaxNode): boolean {
  if (!CLASS_TYPES.has(node.type)) return false;
  if (node.namedChildren.some((c) => c.type === "decorator")) return false;
  const heritage = node.namedChildren.find((c) => c.type === "class_heritage");
  const extended = heritage?.namedChildren
    .find((c) => c.type === "extends_clause")
    ?.childForFieldName("value");
  if (extended && !PLAIN_REFERENCE.has(extended.type)) return false;
  const body = node.childForFieldName("body");
  for (const member of body?.namedChildren ?? []) {
    if (member.type === "class_static_block" || member.type === "decorator") return false;
    if (member.namedChildren.some((c) => c.type === "decorator" || c.type === "computed_property_name"))
      return false;
    const name = member.childForFieldName("name");
    if (name?.type === "computed_property_name") return false;
    if (
      member.type === "public_field_definition" &&
      hasToken(member, "static") &&
      member.childForFieldName("value")
    ) {
      return false;
    }
  }
  return true;
}

/** Constructors whose `new` with no arguments makes an empty collection and runs nothing else. */
const EMPTY_COLLECTIONS = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array", "Object"]);

/**
 * Whether evaluating an expression runs no code of anyone's: literals, names, object and array
 * literals of such (methods and functions are only created), `new Map()` and its kind,
 * `Symbol("…")`, operators other than `in` and `instanceof` (which can call user code).
 */
export function isPureValue(node: SyntaxNode, depth = 0): boolean {
  if (depth > 40) return false;
  const pure = (child: SyntaxNode | null | undefined) => !!child && isPureValue(child, depth + 1);
  switch (node.type) {
    case "number":
    case "string":
    case "regex":
    case "true":
    case "false":
    case "null":
    case "undefined":
    case "identifier":
    case "arrow_function":
    case "function_expression":
    case "generator_function":
      return true;
    case "template_string":
      return !node.namedChildren.some((c) => c.type === "template_substitution");
    case "parenthesized_expression":
    case "as_expression":
    case "satisfies_expression":
    case "non_null_expression":
      return pure(node.namedChildren[0]);
    case "unary_expression":
      return !hasToken(node, "delete") && pure(node.childForFieldName("argument"));
    case "binary_expression": {
      const operator = node.childForFieldName("operator")?.type;
      if (operator === "in" || operator === "instanceof") return false;
      return pure(node.childForFieldName("left")) && pure(node.childForFieldName("right"));
    }
    case "array":
      return node.namedChildren.every((c) => c.type !== "spread_element" && pure(c));
    case "object":
      return node.namedChildren.every((c) => {
        if (c.type === "shorthand_property_identifier" || c.type === "method_definition") return true;
        if (c.type !== "pair") return false;
        return (
          c.childForFieldName("key")?.type !== "computed_property_name" && pure(c.childForFieldName("value"))
        );
      });
    case "new_expression": {
      const made = node.childForFieldName("constructor");
      const args = node.childForFieldName("arguments");
      return (
        made?.type === "identifier" &&
        EMPTY_COLLECTIONS.has(made.text) &&
        (args?.namedChildren.length ?? 0) === 0
      );
    }
    case "call_expression": {
      const callee = node.childForFieldName("function");
      const args = node.childForFieldName("arguments")?.namedChildren ?? [];
      return callee?.text === "Symbol" && args.every((a) => a.type === "string");
    }
    default:
      return false;
  }
}

const FUNCTION_VALUES = new Set(["arrow_function", "function_expression", "generator_function"]);

/** Only binds names to functions (or to nothing yet): creating a function runs none of its code. */
function bindsOnlyFunctions(node: SyntaxNode): boolean {
  if (
    node.type === "function_declaration" ||
    node.type === "generator_function_declaration" ||
    node.type === "function_signature"
  ) {
    return true;
  }
  if (node.type !== "lexical_declaration" && node.type !== "variable_declaration") return false;
  return node.namedChildren
    .filter((c) => c.type === "variable_declarator")
    .every((declarator) => {
      if (declarator.childForFieldName("name")?.type !== "identifier") return false;
      const value = declarator.childForFieldName("value");
      return !value || FUNCTION_VALUES.has(value.type);
    });
}

export function roleOf(node: SyntaxNode, exported = false): StatementRoleOf {
  if (TYPE_TYPES.includes(node.type)) return { role: "types" };
  if (node.type === "import_statement") {
    if (hasToken(node, "type")) return { role: "types" };
    const specifier = literalValue(node.childForFieldName("source"));
    return specifier === undefined ? { role: "effect" } : { role: "load", specifier };
  }
  if (node.type === "export_statement") {
    if (hasToken(node, "type")) return { role: "types" };
    const specifier = literalValue(node.childForFieldName("source"));
    if (specifier !== undefined) return { role: "load", specifier };
    if (hasToken(node, "=")) return { role: "effect" };
    const declaration = node.childForFieldName("declaration");
    if (!declaration) {
      // `export { a, b }` binds nothing new; `export default <expression>` evaluates it.
      const value = node.childForFieldName("value");
      if (!value) return { role: "definition" };
      return FUNCTION_VALUES.has(value.type) ? { role: "definition" } : { role: "effect" };
    }
    return roleOf(declaration, true);
  }
  if (bindsOnlyFunctions(node) || definesPurely(node)) return { role: "definition" };
  const names = pureBindings(node);
  return names ? { role: "value", names, exported } : { role: "effect" };
}

/** The names a declaration binds when every one is a plain name bound to a pure value. */
function pureBindings(node: SyntaxNode): string[] | undefined {
  if (node.type !== "lexical_declaration" && node.type !== "variable_declaration") return undefined;
  const names: string[] = [];
  for (const declarator of node.namedChildren.filter((c) => c.type === "variable_declarator")) {
    const name = declarator.childForFieldName("name");
    const value = declarator.childForFieldName("value");
    if (name?.type !== "identifier" || (value && !isPureValue(value))) return undefined;
    names.push(name.text);
  }
  return names.length > 0 ? names : undefined;
}
