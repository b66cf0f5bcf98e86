import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { BackendSpec, Grammar, ParserBackend, SyntaxQuery, SyntaxTree } from "./syntax-tree.js";

type WasmSpec = Extract<BackendSpec, { kind: "wasm" }>;

/**
 * `web-tree-sitter` with the `.wasm` grammars of tree-sitter-typescript: no native addon, so it
 * runs on any OS and libc. Every file is loaded from the explicit paths in `spec`.
 */
export async function wasmBackend(spec: WasmSpec): Promise<ParserBackend> {
  const { Parser, Language, Query } = await import("web-tree-sitter");
  const runtime = await readFile(spec.runtime);
  // Handing the runtime over as bytes keeps Emscripten from looking for it beside its own script
  // (which, bundled, is not where the package put it).
  await Parser.init({ wasmBinary: runtime, locateFile: () => spec.runtime });
  const languages = {
    typescript: await Language.load(await readFile(spec.grammars.typescript)),
    tsx: await Language.load(await readFile(spec.grammars.tsx)),
  };
  const parsers = new Map<Grammar, InstanceType<typeof Parser>>();
  const parserFor = (grammar: Grammar) => {
    let parser = parsers.get(grammar);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(languages[grammar]);
      parsers.set(grammar, parser);
    }
    return parser;
  };
  return {
    kind: "wasm",
    parse(source, grammar): SyntaxTree {
      const parser = parserFor(grammar);
      const tree = parser.parse(source);
      if (!tree) {
        parser.reset();
        throw new Error("tree-sitter returned no tree");
      }
      // web-tree-sitter types children as (Node | null)[]: null stands for an invalid node id,
      // which a tree it just built never holds, so its nodes are the extractor's SyntaxNode.
      return tree as unknown as SyntaxTree;
    },
    compileQuery: (grammar, source) => new Query(languages[grammar], source) as unknown as SyntaxQuery,
    release: (tree) => (tree as unknown as { delete(): void }).delete(),
  };
}

/** The WASM files as installed in node_modules (tests and benchmarks; the action ships copies). */
export function installedWasmSpec(): WasmSpec {
  const require = createRequire(import.meta.url);
  const grammarDir = dirname(require.resolve("tree-sitter-typescript/package.json"));
  return {
    kind: "wasm",
    runtime: require.resolve("web-tree-sitter/tree-sitter.wasm"),
    grammars: {
      typescript: join(grammarDir, "tree-sitter-typescript.wasm"),
      tsx: join(grammarDir, "tree-sitter-tsx.wasm"),
    },
  };
}

/** The layout the bundled action ships: every file in one directory. */
export function wasmSpecIn(dir: string): WasmSpec {
  return {
    kind: "wasm",
    runtime: join(dir, "tree-sitter.wasm"),
    grammars: {
      typescript: join(dir, "tree-sitter-typescript.wasm"),
      tsx: join(dir, "tree-sitter-tsx.wasm"),
    },
  };
}
