import picomatch from "picomatch";

export type BuiltinKind = "lockfile" | "manifest" | "tsconfig" | "runner-config" | "workflow";

export interface BuiltinRule {
  kind: BuiltinKind;
  /** Globs over the file's base name: these files matter wherever they sit. */
  names: readonly string[];
  /** Why a change to such a file widens the selection; reads after "<path> changed: ". */
  reason: string;
}

/**
 * The run_all_when rules every policy has on top of its own. Each applies to the directory the
 * file sits in (the whole repository at the root); the lockfile analysis narrows lockfiles further
 * to the workspaces whose dependencies changed.
 */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  {
    kind: "lockfile",
    names: [
      "package-lock.json",
      "npm-shrinkwrap.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "bun.lockb",
      "bun.lock",
    ],
    reason:
      "a lockfile changes installed dependencies; the workspaces whose dependencies changed run, all tests when it cannot be read",
  },
  {
    kind: "manifest",
    names: ["package.json"],
    reason:
      "a package manifest (dependencies, exports, imports, type) changes how every file of the package resolves and runs",
  },
  {
    kind: "tsconfig",
    names: ["tsconfig*.json", "jsconfig*.json"],
    reason: "compiler options and paths apply to every file the config covers",
  },
  {
    kind: "runner-config",
    names: [
      "vitest.config.*",
      "vite.config.*",
      "vitest.workspace.*",
      "vitest.projects.*",
      "jest.config.*",
      "babel.config.*",
      ".babelrc*",
      ".swcrc",
      ".nvmrc",
      ".node-version",
    ],
    reason:
      "runner configuration (setup files, environment, transforms, Node version) applies to every test of the project",
  },
];

/**
 * A CI workflow runs every test whatever the graph says: it decides the Node version, the
 * environment, the runner's flags. Matched by path, not name; the policy's
 * `run_all_on_workflow_change: false` turns the rule off.
 */
export const WORKFLOW_RULE = {
  kind: "workflow",
  dir: ".github/workflows/",
  reason: "a CI workflow decides how the tests run (Node version, environment, flags)",
} as const;

const COMPILED = BUILTIN_RULES.map((rule) => ({ rule, matches: picomatch([...rule.names], { dot: true }) }));

/** The built-in rule a changed path falls under, if any. Installed packages are never the repository's config. */
export function classifyBuiltin(path: string): { kind: BuiltinKind; reason: string } | undefined {
  if (/(?:^|\/)node_modules\//.test(path)) return undefined;
  if (path.startsWith(WORKFLOW_RULE.dir)) return { kind: WORKFLOW_RULE.kind, reason: WORKFLOW_RULE.reason };
  const base = path.slice(path.lastIndexOf("/") + 1);
  const hit = COMPILED.find(({ matches }) => matches(base));
  return hit ? { kind: hit.rule.kind, reason: hit.rule.reason } : undefined;
}
