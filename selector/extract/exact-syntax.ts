import type { ParserOptions, ParserPlugin } from "@babel/parser";
import { isDirectiveComment } from "./directive-comments.js";
import type { ExactSyntaxError } from "./types.js";

export type { ExactSyntaxError };

/** Undefined when the file parses; else its first error. */
export type ExactSyntaxCheck = (path: string, source: string) => ExactSyntaxError | undefined;

interface BabelToken {
  type: string | { label: string };
  value?: unknown;
  loc: { start: { line: number }; end: { line: number } };
}

type Parse = (source: string, options: ParserOptions) => { errors?: unknown[] | null; tokens?: BabelToken[] };

/** Scripts and modules in the languages the arbiter reads; components (`.vue`…) are not among them. */
const CHECKED = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const COMMONJS = /\.c[jt]s$/;
const MODULE = /\.m[jt]s$/;

export function isExactlyCheckable(path: string): boolean {
  return CHECKED.test(path);
}

/**
 * The readings a file may be meant in. A file is broken only when none parses: decorators come
 * in TypeScript's legacy form and the standard one; a `.js` file may be a sloppy-mode script
 * (`with`, `interface` as a name); a CommonJS file may `return` at the top.
 */
function readingsOf(path: string, source: string): ParserOptions[] {
  const typescript = TYPESCRIPT.test(path);
  const language: ParserPlugin[] = typescript
    ? [["typescript", DECLARATION.test(path) ? { dts: true } : {}]]
    : [];
  // `.ts` cannot hold JSX (`<T>(x) => x` is a generic there); every other extension may.
  if (!typescript || path.endsWith("x")) language.push("jsx");
  const base = (sourceType: "module" | "script", decorators: ParserPlugin[]): ParserOptions => ({
    sourceType,
    allowReturnOutsideFunction: sourceType === "script",
    errorRecovery: true,
    plugins: [...language, ...decorators, "explicitResourceManagement"],
  });
  const legacy: ParserPlugin[] = ["decorators-legacy"];
  const standard: ParserPlugin[] = ["decorators", "decoratorAutoAccessors"];
  const types: ("module" | "script")[] = COMMONJS.test(path)
    ? ["script"]
    : MODULE.test(path) || typescript
      ? ["module"]
      : ["module", "script"];
  const readings: ParserOptions[] = [];
  for (const sourceType of types) {
    readings.push(base(sourceType, legacy));
    if (source.includes("@")) readings.push(base(sourceType, standard));
  }
  return readings;
}

interface BabelError {
  message?: string;
  loc?: { line: number; column: number };
}

function firstError(parse: Parse, source: string, options: ParserOptions): ExactSyntaxError | undefined {
  let error: BabelError | undefined;
  try {
    error = parse(source, options).errors?.[0] as BabelError | undefined;
  } catch (thrown) {
    error = thrown as BabelError;
  }
  if (!error) return undefined;
  // Babel appends "(line:column)" to its messages; the warning names the line itself.
  const message = (error.message ?? String(error)).replace(/\s*\(\d+:\d+\)$/, "");
  return { line: error.loc?.line ?? 1, column: (error.loc?.column ?? 0) + 1, message };
}

/** The exact check with a loaded parser: the first reading's error when no reading parses. */
export function checkWith(parse: Parse): ExactSyntaxCheck {
  return (path, source) => {
    if (!isExactlyCheckable(path)) return undefined;
    let first: ExactSyntaxError | undefined;
    for (const options of readingsOf(path, source)) {
      const error = firstError(parse, source, options);
      if (!error) return undefined;
      first ??= error;
    }
    return first;
  };
}

/** The code of a file as tokens, comments left out; undefined when no reading parses it. */
export type CodeTokens = (path: string, source: string) => string[] | undefined;

/**
 * Each token's kind and value, and whether a line break comes before it: a break can end a
 * statement (`return` then a value on the next line), so where breaks fall is part of the code;
 * indentation, spaces and comments are not.
 */
export function tokensWith(parse: Parse): CodeTokens {
  return (path, source) => {
    if (!isExactlyCheckable(path)) return undefined;
    for (const options of readingsOf(path, source)) {
      let parsed: ReturnType<Parse>;
      try {
        parsed = parse(source, { ...options, tokens: true });
      } catch {
        continue;
      }
      if ((parsed.errors?.length ?? 0) > 0 || !parsed.tokens) continue;
      const out: string[] = [];
      let lastLine = 0;
      for (const token of parsed.tokens) {
        const kind = typeof token.type === "string" ? token.type : token.type.label;
        const comment = kind === "CommentLine" || kind === "CommentBlock";
        // A directive comment (`// @ts-expect-error`) is read by the compiler: it stays a token.
        const text = `${kind === "CommentLine" ? "//" : "/*"}${String(token.value)}`;
        if (kind === "eof" || (comment && !isDirectiveComment(text))) continue;
        const breakBefore = token.loc.start.line > lastLine && lastLine > 0;
        lastLine = token.loc.end.line;
        out.push(`${kind}\u0000${JSON.stringify(token.value) ?? ""}\u0000${breakBefore ? 1 : 0}`);
      }
      return out;
    }
    return undefined;
  };
}

let babel: Promise<Parse> | undefined;

/**
 * Babel's parser, loaded on first need: the selection asks it only about changed files and files
 * tree-sitter could not read, so a run that needs neither never pays its load.
 */
function loadBabel(): Promise<Parse> {
  babel ??= import("@babel/parser").then((module) => module.parse as Parse);
  return babel;
}

export async function loadExactSyntaxCheck(): Promise<ExactSyntaxCheck> {
  return checkWith(await loadBabel());
}

export async function loadCodeTokens(): Promise<CodeTokens> {
  return tokensWith(await loadBabel());
}
