import type { RunnerAlias } from "../extract/config-aliases.js";
import type { ImportKind } from "../extract/types.js";

export type Resolution =
  /**
   * A file of the repository (source, JSON, asset…). `via` says which rule matched, for reasons.
   * `alternatives`: other files the same specifier names under other conditions (`exports` or
   * `imports` with `browser`/`node`/`development`…): which one a runner takes depends on its
   * environment, so the importer depends on each. Also the code files beside an extensionless
   * name's pick (`greet.js` beside `greet.ts`): Vite and Jest try `.js` first, TypeScript `.ts`.
   */
  | {
      kind: "file";
      path: string;
      via?: string;
      alternatives?: string[];
      /** The file stands for an installed package of this name (a `file:` tarball): external too. */
      packageName?: string;
    }
  /** A package outside the repository (node_modules), or a Node built-in (`node:fs`, `fs`). */
  | { kind: "external"; packageName: string; builtin?: boolean }
  /** A relative or aliased import that names no file: reported as a warning, never thrown. */
  | { kind: "unresolved"; reason: string };

/** One workspace package of a monorepo (npm/yarn `workspaces`, pnpm-workspace.yaml). */
export interface WorkspacePackage {
  name: string;
  /** Directory of its package.json, "" for the root. */
  dir: string;
  /** Names in dependencies, devDependencies, peerDependencies and optionalDependencies. */
  dependencies: string[];
}

/** The compiler options that change what a file depends on without an import. */
export interface JsxSettings {
  jsx?: string;
  jsxImportSource?: string;
}

/** A config file the resolver could not read; its settings were ignored. */
export interface ResolverWarning {
  file: string;
  message: string;
}

export interface Resolver {
  resolve(specifier: string, fromFile: string, kind: ImportKind): Resolution;
  /** Files matched by an `import.meta.glob` pattern (relative to fromFile, or `/`-rooted at the package). */
  resolveGlob(pattern: string, fromFile: string): string[];
  /** The tsconfig.json that governs a file, if any (repository-relative path). */
  tsconfigFor(file: string): string | undefined;
  jsxSettingsFor(file: string): JsxSettings;
  /** The tsconfigs whose `extends` chain names this file (a base config, whatever its name). */
  extendedBy?(file: string): readonly string[];
  workspaces(): WorkspacePackage[];
  /** Config files (tsconfig, package.json, pnpm-workspace.yaml) that failed to parse and were ignored. */
  warnings?(): ResolverWarning[];
}

/** The aliases one runner project applies (vite/vitest `alias`, jest `moduleNameMapper`) to the files under `dir`. */
export interface RunnerAliasSet {
  config: string;
  /** The project's root: where its aliases apply, and what a Vite `/src` replacement is rooted at. */
  dir: string;
  aliases: RunnerAlias[];
  /**
   * Where Jest also looks bare names up (`modulePaths`, `moduleDirectories`): repository paths, or a
   * folder name (`src`) looked for in every directory from the importer up, as node_modules is.
   */
  moduleDirs?: { path?: string; name?: string }[];
  /** The suffixes the runner tries on an extensionless name (`.web.ts`), from its config. */
  extensions?: string[];
}
