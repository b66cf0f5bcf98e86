import { createRequire } from "node:module";
import type Parser from "tree-sitter";
import type { Grammar, ParserBackend, SyntaxQuery, SyntaxTree } from "./syntax-tree.js";

// The binding pulls the source through a callback, one buffer at a time: a buffer near the
// source size makes a big file one or two calls instead of dozens.
const MIN_BUFFER = 32 * 1024;
const MAX_BUFFER = 4 * 1024 * 1024;

/**
 * The native `tree-sitter` addon (the CLI's parser). createRequire because both packages are
 * CommonJS addons; loaded only when first asked for, so commands that never parse skip it.
 */
export function nativeBackend(): ParserBackend {
  const require = createRequire(import.meta.url);
  const ParserClass = require("tree-sitter") as typeof Parser;
  const grammars = require("tree-sitter-typescript") as Record<Grammar, Parser.Language>;
  const parsers = new Map<Grammar, Parser>();
  const parserFor = (grammar: Grammar): Parser => {
    let parser = parsers.get(grammar);
    if (!parser) {
      parser = new ParserClass();
      parser.setLanguage(grammars[grammar]);
      parsers.set(grammar, parser);
    }
    return parser;
  };
  return {
    kind: "native",
    parse(source, grammar): SyntaxTree {
      const bufferSize = Math.min(MAX_BUFFER, Math.max(MIN_BUFFER, source.length * 2 + 2));
      const parser = parserFor(grammar);
      try {
        return parser.parse(source, null, { bufferSize });
      } catch (error) {
        // A halted parse leaves state behind that the next file would resume from.
        parser.reset();
        throw error;
      }
    },
    compileQuery: (grammar, source): SyntaxQuery =>
      // The native Query takes its own node class; every node it is given came from this backend.
      new ParserClass.Query(grammars[grammar], source) as unknown as SyntaxQuery,
    // Native trees are freed by the garbage collector when the event loop turns.
    release: () => {},
  };
}
