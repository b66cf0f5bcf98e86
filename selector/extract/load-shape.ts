import { hasToken, type SyntaxNode } from "./syntax.js";

/** Code inside these runs when called, not when the module loads. */
const DEFERRED = new Set([
  "arrow_function",
  "function_expression",
  "function",
  "generator_function",
  "method_definition",
  "function_declaration",
  "generator_function_declaration",
]);

/** Expressions that can do something on their own: call, construct, wait, assign. */
const RUNS = new Set([
  "call_expression",
  "new_expression",
  "await_expression",
  "assignment_expression",
  "augmented_assignment_expression",
  "update_expression",
  "yield_expression",
  "decorator",
  "class_static_block",
]);

/** Types are erased: nothing in them runs, and they can be large. */
const TYPES = new Set(["type_annotation", "type_arguments", "type_parameters", "opting_type_annotation"]);

/** Calls and constructions that bundlers, told so, may drop when their value goes unused. */
const CALLS = new Set(["call_expression", "new_expression"]);

/** A `@__PURE__` or `#__PURE__` block comment (Rollup, esbuild, terser): the call after it has no side effects. */
const PURE_ANNOTATION = /^\/\*\s*[@#]__PURE__\s*\*\/$/;

/** Past this many nodes (a huge literal table), stop looking and assume it runs something. */
const NODE_BUDGET = 20_000;

/**
 * Whether evaluating a variable or class declaration at module load may call or change anything:
 * `const x = make(() => …)` calls `make`; `const f = () => make()` and an object of methods do not;
 * a class's methods and instance fields wait for a call or a `new`, its decorators, static fields
 * and static blocks do not. A call marked pure (`@__PURE__`) runs nothing anyone else sees.
 */
export function runsWhenEvaluated(node: SyntaxNode): boolean {
  let budget = NODE_BUDGET;
  const runs = (current: SyntaxNode, pure = false): boolean => {
    if (--budget < 0) return true;
    const instanceField = current.type === "public_field_definition" && !hasToken(current, "static");
    if (DEFERRED.has(current.type) || TYPES.has(current.type) || instanceField) return false;
    // A pure call does nothing but make its value, so what it is handed (the functions in
    // `$constructor("X", (inst) => …)`) reaches only the code that uses that value. Its
    // arguments are still evaluated and may run something of their own.
    if (RUNS.has(current.type) && !(pure && CALLS.has(current.type))) return true;
    if (current.type === "unary_expression" && hasToken(current, "delete")) return true;
    return someChildRuns(current.namedChildren, runs);
  };
  return runs(node);
}

/** Reads the children in order, so a pure annotation applies to the call right after it. */
function someChildRuns(
  children: readonly SyntaxNode[],
  runs: (node: SyntaxNode, pure: boolean) => boolean,
): boolean {
  let pure = false;
  for (const child of children) {
    if (child.type === "comment") {
      pure = PURE_ANNOTATION.test(child.text);
      continue;
    }
    if (runs(child, pure)) return true;
    pure = false;
  }
  return false;
}
