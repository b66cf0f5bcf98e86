import type { SyntaxNode } from "./syntax.js";

/** What may sit between a bound identifier and the node that binds it: patterns and their parts. */
const PATTERN_PARTS = new Set([
  "object_pattern",
  "array_pattern",
  "pair_pattern",
  "rest_pattern",
  "assignment_pattern",
  "object_assignment_pattern",
]);

const BLOCKS = new Set(["statement_block", "class_static_block"]);

/** Past this many steps up, a binding is too deep in a pattern to be worth reading: it counts as none. */
const MAX_STEPS = 8;

const WORD = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;
/** A parameter list: `(…) =>`, `(…) {` or `(…): T {`; what is inside may bind its words. */
const PARAMETER_LIST = /\(([^()]*)\)\s*(?::[^=;{}()]*)?(?:=>|\{)/g;
/** `const word`, `catch (word)`: literal prefixes keep the scan fast. */
const DECLARED =
  /\b(?:const|let|var)\s+([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)|\bcatch\s*\(\s*([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)/g;
const BEFORE_ARROW = /([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)\s*$/;

function push(map: Map<string, number[]>, word: string, at: number): void {
  const list = map.get(word);
  if (list) list.push(at);
  else map.set(word, [at]);
}

/**
 * Where the text may bind a word below the top level, by word: in a parameter list, before `=>`,
 * after `const`, `let` or `var`, in a `catch`. One pass over the text. It finds more than binds
 * (`if (word) {`): the tree then says no. What it misses (`const { word } =` destructured) stays a
 * use of the top-level name: never less than the truth is read as code.
 */
function bindingCandidates(source: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const match of source.matchAll(PARAMETER_LIST)) {
    const start = match.index + 1;
    for (const word of match[1]!.matchAll(WORD)) push(found, word[0], start + word.index);
  }
  for (const match of source.matchAll(DECLARED)) {
    const word = (match[1] ?? match[2])!;
    push(found, word, match.index + match[0].lastIndexOf(word));
  }
  // `word =>`: found from the arrow back, since arrows are rarer than words.
  for (let at = source.indexOf("=>"); at !== -1; at = source.indexOf("=>", at + 2)) {
    const before = BEFORE_ARROW.exec(source.slice(Math.max(0, at - 64), at));
    if (before) push(found, before[1]!, at - before[0].length);
  }
  return found;
}

/** The node whose range the binding at `leaf` covers, or undefined when `leaf` binds nothing. */
function scopeOf(leaf: SyntaxNode): SyntaxNode | undefined {
  let child = leaf;
  let node = leaf.parent;
  for (let step = 0; node && step < MAX_STEPS; step++, child = node, node = node.parent) {
    if (PATTERN_PARTS.has(node.type)) {
      // `{ a: b }` binds `b`; `a` only names the property. `x = 1` binds `x`, not what it defaults to.
      const key = node.type === "pair_pattern" ? node.childForFieldName("key") : null;
      const value = node.type.includes("assignment") ? node.childForFieldName("right") : null;
      if (key?.startIndex === child.startIndex || value?.startIndex === child.startIndex) return undefined;
      continue;
    }
    switch (node.type) {
      case "required_parameter":
      case "optional_parameter": {
        if (node.childForFieldName("pattern")?.startIndex !== child.startIndex) return undefined;
        const list = node.parent;
        return list?.type === "formal_parameters" ? (list.parent ?? undefined) : undefined;
      }
      case "formal_parameters":
        return node.parent ?? undefined;
      case "arrow_function":
        return node.childForFieldName("parameter")?.startIndex === child.startIndex ? node : undefined;
      case "catch_clause":
        return node.childForFieldName("parameter")?.startIndex === child.startIndex ? node : undefined;
      case "variable_declarator": {
        if (node.childForFieldName("name")?.startIndex !== child.startIndex) return undefined;
        const block = node.parent?.parent;
        // A top-level declaration is the name itself, not a local that hides it.
        return block && BLOCKS.has(block.type) ? block : undefined;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * Tells a use of a top-level name from a use of a parameter or local of the same name:
 * `(ctx, json) => json` beside an exported `json()`. Reads parameters, catch parameters and
 * `const`/`let`/`var` declared directly in a block (their whole block is their scope). It asks
 * the tree about each binding once, not about every use: walking up a native tree searches
 * down from the root at every step.
 */
export function shadowedAt(root: SyntaxNode, source: string): (index: number, word: string) => boolean {
  let candidates: Map<string, number[]> | undefined;
  const scopes = new Map<string, [number, number][]>();
  return (index, word) => {
    candidates ??= bindingCandidates(source);
    const at = candidates.get(word);
    if (!at) return false;
    let ranges = scopes.get(word);
    if (!ranges) {
      ranges = [];
      for (const position of at) {
        const leaf = root.descendantForIndex(position);
        if (!leaf || leaf.startIndex !== position || leaf.text !== word) continue;
        const scope = scopeOf(leaf);
        if (scope) ranges.push([scope.startIndex, scope.endIndex]);
      }
      scopes.set(word, ranges);
    }
    return ranges.some(([start, end]) => index >= start && index < end);
  };
}
