import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BackendSpec } from "../selector/extract/syntax-tree.js";
import { installedWasmSpec, wasmSpecIn } from "../selector/extract/wasm-backend.js";

/**
 * The action parses with web-tree-sitter: the bundle ships `wasm/` beside `index.js` (see
 * docs/decisions.md). Run from sources (tests), the files come from node_modules.
 */
export function parserFiles(): BackendSpec {
  const shipped = join(dirname(fileURLToPath(import.meta.url)), "wasm");
  return existsSync(join(shipped, "tree-sitter.wasm")) ? wasmSpecIn(shipped) : installedWasmSpec();
}
