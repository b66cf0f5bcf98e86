import type { LineRange } from "../diff/types.js";

/**
 * How a file refers to another. The kind decides the edge's strength and how names flow:
 * - static/type/side-effect: `import … from`, `import type …`, `import "x"`
 * - reexport: `export { a as b } from "x"`, reexport-all: `export * from "x"` / `export * as ns from "x"`
 * - require, import-equals (`import x = require()`), dynamic (`import("x")` with a literal)
 * - mock: `vi.mock("x")` / `jest.mock("x")`, reference: `/// <reference path>`,
 *   url: `new URL("./x", import.meta.url)`, glob: `import.meta.glob("./dir/*.ts")` (specifier is the pattern),
 *   template: an import written inside a string or template literal (compiled at run time; a weak edge),
 *   asset: a path the runner reads by name (setupFiles and the like in a runner config).
 */
export type ImportKind =
  | "static"
  | "type"
  | "side-effect"
  | "reexport"
  | "reexport-all"
  | "require"
  | "import-equals"
  | "dynamic"
  | "mock"
  | "reference"
  | "url"
  | "glob"
  | "template"
  | "asset";

export interface ImportRecord {
  specifier: string;
  kind: ImportKind;
  /**
   * Names taken from the target ("default" for a default import). `"*"` means the whole module
   * (namespace import, require, dynamic import, side effects, or anything the extractor cannot narrow).
   */
  names: string[] | "*";
  /** Local binding for each imported name, parallel to `names` (same length) when names is a list. */
  locals?: string[];
  /** Local binding of a namespace / default-require / import-equals import, e.g. `ns` in `import * as ns`. */
  namespaceLocal?: string;
  /** For `import * as ns`: the members the file reads (`ns.a`); absent when it uses `ns` otherwise. */
  members?: string[];
  /** For `export { a as b } from`: exported name -> name in the target. */
  reexports?: { exported: string; imported: string }[];
  /** For `export * as ns from`: the exported namespace name. */
  reexportNamespace?: string;
  typeOnly: boolean;
  /** 1-based line of the import. */
  line: number;
  /**
   * The specifier was built at run time (`import(\`./locales/${lang}.ts\`)`): `pattern`, a glob of
   * every file it can name; `unknown`, nothing static to go on (the specifier is the code's text).
   */
  computed?: "pattern" | "unknown";
  /** A path read with `fs` (fs-reads.ts), not loaded: one that names no file is no missing import. */
  fsRead?: true;
  /**
   * Of a read: a path spelled from the module's place and kept as a value (`setupFiles: [resolve(
   * __dirname, "setup.ts")]`, an alias target), not handed to a call that may read it. A runner
   * config's values are read as its options (runner-config.ts), not as files it reads itself.
   */
  spelledValue?: true;
  /**
   * A script run in a child process or a worker (spawned-scripts.ts): loaded with its imports like
   * a module, but a program argument that names no file is no missing import.
   */
  spawned?: true;
  /**
   * Of a spawned record: Node runs this file as a module (a script of node or tsx, a module they
   * `--import`, a fork, a worker, a program run by its path), not a file a program is handed. One
   * that names no tracked file is build output or a generated script: kept with a warning.
   */
  script?: true;
  /**
   * A package.json script the spawned command runs (`npm run gen`): `specifier` is the folder it
   * runs in, `name` the script (absent when nothing static tells it), `args` the words handed on.
   * The graph follows the script's command line (package-scripts.ts).
   */
  packageScript?: { name?: string; args?: string[] };
  /** The spawned program by bare name (the specifier): a package.json `bin` of the repository, if one has it. */
  packageBin?: true;
  /** `import.meta.glob`'s negative patterns: files they match are not loaded. */
  ignore?: string[];
  /** `import.meta.glob`'s `query` (`"?raw"`): how the matched files are read. */
  query?: string;
}

/** A top-level declaration (function, class, variable, type, interface, enum, namespace). */
export interface Declaration {
  /** Local names it binds (several for `const { a, b } = …`). */
  names: string[];
  kind: "function" | "class" | "variable" | "type" | "interface" | "enum" | "namespace" | "other";
  range: LineRange;
  /** Names it is exported as, directly (`export function f`, `export default class`). */
  exportedAs: string[];
  /**
   * Top-level names of this file (declarations or import locals) referenced inside it where code
   * runs (`ns.member` for a namespace read through its members).
   */
  references: string[];
  /**
   * Names referenced only where a type goes (`x: Shape`, `typeof f` in a type, `implements I`):
   * erased before anything runs, so they shape type checking only. Absent in facts cached before
   * the split, where `references` holds both.
   */
  typeReferences?: string[];
  /**
   * Evaluating it as the module loads may call or change something (`const x = make(…)`, a class
   * with decorators or static blocks, a namespace). Functions it hands to such a call can be kept
   * and called by anyone later, so a change anywhere in it, or to a name it uses, changes what
   * loading the module does.
   */
  runsOnLoad?: true;
}

/** A top-level statement that is not a declaration: runs on import, so a change there is file-level. */
export interface TopLevelStatement {
  range: LineRange;
  references: string[];
  typeReferences?: string[];
}

/** `export { local as exported }` without `from`, and `export default <expr>` / `export = x`. */
export interface LocalExport {
  exported: string;
  /** A local top-level name, or undefined when the export is an expression. */
  local?: string;
  line: number;
}

/** Everything extracted from one source file. Plain data: it is cached on disk. */
export interface FileFacts {
  imports: ImportRecord[];
  declarations: Declaration[];
  statements: TopLevelStatement[];
  localExports: LocalExport[];
  /** Count of ERROR/MISSING nodes tree-sitter reported; the facts hold what could still be taken. */
  syntaxErrors: number;
  /** Set when the file was not parsed with tree-sitter (too big, binary) and a fallback was used. */
  note?: string;
  /**
   * What an exact parser said of the file once asked (select/syntax-check.ts): null when it parses,
   * else its first error. Absent when never asked; cached facts gain it on first need.
   */
  exactSyntax?: ExactSyntaxError | null;
  /**
   * The file holds `import.meta.vitest`: where Vitest's `test.includeSource` matches it, Vitest runs
   * it as a test file (in-source tests), as its own check of the text decides.
   */
  inSourceTests?: true;
}

/** Where an exact parser stops reading a file: what a test runner's transform reports on load. */
export interface ExactSyntaxError {
  line: number;
  column: number;
  message: string;
}
