/**
 * Comments a compiler reads: TypeScript's `@ts-expect-error`, `@ts-ignore`, `@ts-nocheck`,
 * `@ts-check` and `/// <reference … />`, and the JSX pragmas (`@jsx`, `@jsxFrag`,
 * `@jsxImportSource`, `@jsxRuntime`) that esbuild, Babel and tsc take from a file's comments. ts-jest
 * fails a test on an unused `@ts-expect-error`, and a pragma changes what JSX compiles to, so an edit
 * of such a comment is an edit of code.
 */
const DIRECTIVE =
  /@ts-(?:expect-error|ignore|nocheck|check)\b|@jsx(?:Frag|ImportSource|Runtime)?\b|\/\/\/\s*<reference\b/;

export const isDirectiveComment = (text: string): boolean => DIRECTIVE.test(text);
