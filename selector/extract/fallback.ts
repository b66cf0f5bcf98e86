import { textImportRecords } from "./regex-imports.js";
import type { FileFacts } from "./types.js";

/**
 * Facts for a file tree-sitter is not given (too big, binary, or the extractor failed): its
 * import specifiers by text, whole-module, no declarations. With no declarations any change
 * in the file is file-level, which is the safe reading.
 */
export function extractFactsFallback(source: string, note: string): FileFacts {
  let imports: FileFacts["imports"] = [];
  try {
    imports = textImportRecords(source, 1);
  } catch {
    // Nothing more can be read from this text; the note says why it has no imports.
  }
  return { imports, declarations: [], statements: [], localExports: [], syntaxErrors: 0, note };
}
