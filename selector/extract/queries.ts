import { compileQuery, type Grammar, onParserReset } from "./parser.js";
import type { SyntaxQuery } from "./syntax-tree.js";

/**
 * Every query the extractor runs, compiled once per grammar: compiling costs far more than
 * running, and a query over a subtree is cheaper than a JS walk of it.
 */
export interface CompiledQueries {
  /** Calls and `new URL` that can name another module: filtered by name in JS. */
  calls: SyntaxQuery;
  /** What tree-sitter could not parse. */
  errors: SyntaxQuery;
}

// A method call names a module only with a literal or an array; `import()`, `require()` and
// `new URL()` may build theirs at run time. Predicates run in the binding's JS, so the structural
// part does most of the filtering natively.
const LITERAL_ARG = "(arguments . [(string) (template_string) (array)] @arg)";
const CALLS = `
(call_expression function: [(identifier) (import)] @callee arguments: (arguments . (_) @arg)) @call
(call_expression
  function: (member_expression object: [(identifier) (meta_property)] @object property: (property_identifier) @property)
  arguments: ${LITERAL_ARG}) @call
(new_expression
  constructor: (identifier) @callee
  arguments: (arguments . (_) @arg . (member_expression object: (meta_property) property: (property_identifier) @property))) @new
`;

const ERRORS = "(ERROR) @error (MISSING) @missing";

const compiled = new Map<Grammar, CompiledQueries>();
onParserReset(() => compiled.clear());

export function queriesFor(grammar: Grammar): CompiledQueries {
  let queries = compiled.get(grammar);
  if (!queries) {
    queries = {
      calls: compileQuery(grammar, CALLS),
      errors: compileQuery(grammar, ERRORS),
    };
    compiled.set(grammar, queries);
  }
  return queries;
}
