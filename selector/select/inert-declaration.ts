import type { FileFacts, ImportKind } from "../extract/types.js";
import type { RepoSnapshot } from "../repo/types.js";

const MODULE_IMPORTS = new Set<ImportKind>([
  "static",
  "type",
  "side-effect",
  "reexport",
  "reexport-all",
  "import-equals",
]);

/** Top-level `import`/`export` make a declaration file a module: its names are only seen by importers. */
function isModule(facts: FileFacts): boolean {
  return (
    facts.imports.some((i) => MODULE_IMPORTS.has(i.kind)) ||
    facts.localExports.length > 0 ||
    facts.declarations.some((d) => d.exportedAs.length > 0)
  );
}

const JS_TWINS: [RegExp, string[]][] = [
  [/\.d\.ts$/, [".js", ".jsx"]],
  [/\.d\.mts$/, [".mjs"]],
  [/\.d\.cts$/, [".cjs"]],
];

/**
 * `x.d.ts` beside `x.js` types that file: importers of `./x` are type-checked against it. A twin
 * nobody imports (tsnapi writes `.snapshot.d.ts` and `.snapshot.js` pairs) passes that on to no one.
 */
function hasImportedJsTwin(path: string, repo: RepoSnapshot, isImported: (path: string) => boolean): boolean {
  for (const [suffix, extensions] of JS_TWINS) {
    if (!suffix.test(path)) continue;
    return extensions.some((ext) => {
      const twin = path.replace(suffix, ext);
      return repo.has(twin) && isImported(twin);
    });
  }
  return false;
}

/** A manifest's `types`, `typings` or `exports` may name the file: then it is a package's types. */
function namedByManifest(path: string, repo: RepoSnapshot): boolean {
  const parts = path.split("/");
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join("/");
    const text = repo.readText(dir === "" ? "package.json" : `${dir}/package.json`);
    if (text?.includes(parts.slice(depth).join("/"))) return true;
  }
  return false;
}

/** `declare global`, `declare module "x"` augmentations and the like reach past the importers. */
function augments(facts: FileFacts): boolean {
  return facts.declarations.some((d) => d.kind === "other");
}

const AUGMENTATION = /\bdeclare\s+(?:global|module)\b/;

/**
 * A declaration file that is a module, augments nothing globally, is imported by nobody, types no
 * JavaScript file anyone imports and is named by no manifest cannot change what any test sees (generated
 * API snapshots such as `index.snapshot.d.ts` are the common case). Anything less certain is
 * treated as ambient by the caller. tree-sitter trips over some type syntax in real `.d.ts` files
 * (`import("vue").Ref<…>` in a return type); the facts it still gets show the exports, and the text
 * is searched for augmentations the broken part may hide.
 */
export function isInertDeclaration(
  path: string,
  facts: FileFacts | undefined,
  text: string | undefined,
  repo: RepoSnapshot,
  isImported: (path: string) => boolean,
): boolean {
  if (!facts || !isModule(facts) || augments(facts)) return false;
  if (facts.syntaxErrors > 0 && (text === undefined || AUGMENTATION.test(text))) return false;
  return !hasImportedJsTwin(path, repo, isImported) && !namedByManifest(path, repo);
}
