import type { ImportKind, ImportRecord } from "./types.js";

/**
 * Import forms found by text alone, where there is no usable syntax tree: files too big or
 * binary to parse, ERROR subtrees, and code held in strings. Quotes may be escaped (`\"`), as
 * they are inside a string literal. Names are never narrowed: text cannot tell what is bound.
 */
const FORMS = new RegExp(
  [
    // import … from "x" / export … from "x" (clause without quotes or `;`, so it stays local)
    String.raw`\b(import|export)\b([^;'"\x60]*?)\bfrom\s*\\?(["'])([^"'\x60\\\n]+)\\?\3`,
    // import "x"
    String.raw`\bimport\s*\\?(["'])([^"'\x60\\\n]+)\\?\5`,
    // require("x") / import("x")
    String.raw`\b(require|import)\s*\(\s*\\?(["'\x60])([^"'\x60\\\n]+)\\?\8\s*\)`,
  ].join("|"),
  "g",
);

export interface TextImport {
  specifier: string;
  kind: ImportKind;
  typeOnly: boolean;
  reexportNamespace?: string;
  /** Offset of the match in the scanned text. */
  offset: number;
}

function clauseForm(
  keyword: string,
  clause: string,
): Pick<TextImport, "kind" | "typeOnly" | "reexportNamespace"> {
  const typeOnly = /^\s*type\b/.test(clause);
  if (keyword === "import") return { kind: typeOnly ? "type" : "static", typeOnly };
  // `export { a } from` read as a whole re-export: text cannot list the names reliably, and
  // the wider edge is the safe one.
  const namespace = /\*\s*as\s+([\w$]+)/.exec(clause)?.[1];
  return namespace
    ? { kind: "reexport-all", typeOnly, reexportNamespace: namespace }
    : { kind: "reexport-all", typeOnly };
}

export function scanImportText(text: string): TextImport[] {
  const found: TextImport[] = [];
  for (const match of text.matchAll(FORMS)) {
    const offset = match.index;
    if (match[4] !== undefined) {
      found.push({ specifier: match[4], offset, ...clauseForm(match[1] ?? "", match[2] ?? "") });
    } else if (match[6] !== undefined) {
      found.push({ specifier: match[6], kind: "side-effect", typeOnly: false, offset });
    } else if (match[9] !== undefined) {
      found.push({
        specifier: match[9],
        kind: match[7] === "require" ? "require" : "dynamic",
        typeOnly: false,
        offset,
      });
    }
  }
  return found.filter((item) => !item.specifier.includes("${"));
}

/** Turns offsets into 1-based lines for increasing offsets, counting each newline once. */
export function lineCounter(text: string, firstLine = 1): (offset: number) => number {
  let line = firstLine;
  let position = 0;
  return (offset) => {
    for (
      let next = text.indexOf("\n", position);
      next !== -1 && next < offset;
      next = text.indexOf("\n", next + 1)
    ) {
      line++;
      position = next + 1;
    }
    return line;
  };
}

/** Records for text imports, with `kind` forced when the context decides it (template). */
export function textImportRecords(text: string, firstLine: number, kind?: ImportKind): ImportRecord[] {
  const lineAt = lineCounter(text, firstLine);
  return scanImportText(text).map((item) => {
    const record: ImportRecord = {
      specifier: item.specifier,
      kind: kind ?? item.kind,
      names: "*",
      typeOnly: kind ? false : item.typeOnly,
      line: lineAt(item.offset),
    };
    if (!kind && item.reexportNamespace) record.reexportNamespace = item.reexportNamespace;
    return record;
  });
}
