import { scriptsChangeIsInert } from "./script-change.js";

/**
 * What a package.json change can do to test outcomes, from its base and head texts.
 * - `inert`: only metadata changed (description, keywords, repository…, or scripts added under new
 *   names nothing runs): no test is affected.
 * - `dependencies`: only dependency ranges (and metadata) changed; with the lockfile changed in the
 *   same diff, the lockfile analysis says what was installed differently, per workspace.
 * - `package`: anything else (exports, imports, type, main, scripts, workspaces, engines, …), an added
 *   or deleted manifest, or one that cannot be read: every file of the package counts as changed.
 */
export type ManifestChange =
  | { kind: "inert" }
  | { kind: "dependencies"; keys: string[] }
  | { kind: "package"; keys: string[] };

/** Fields that only describe or publish the package; no resolution, install or run reads them. */
const INERT = new Set([
  "description",
  "keywords",
  "repository",
  "homepage",
  "bugs",
  "author",
  "contributors",
  "maintainers",
  "funding",
  "license",
  "files",
  "publishConfig",
  "version",
  "prettier",
  "eslintConfig",
  "lint-staged",
  "simple-git-hooks",
  "commitlint",
  "renovate",
  "size-limit",
  "release",
]);

const DEPENDENCIES = new Set(["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]);

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stable text of a JSON value: key order does not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

export function classifyManifestChange(
  baseText: string | undefined,
  headText: string | undefined,
): ManifestChange {
  const base = parseObject(baseText);
  const head = parseObject(headText);
  if (!base || !head) return { kind: "package", keys: [] };
  const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter(
    (key) => canonical(base[key]) !== canonical(head[key]),
  );
  const live = keys.filter(
    (key) => !INERT.has(key) && !(key === "scripts" && scriptsChangeIsInert(base.scripts, head.scripts)),
  );
  if (live.length === 0) return { kind: "inert" };
  if (live.every((key) => DEPENDENCIES.has(key))) return { kind: "dependencies", keys: live };
  return { kind: "package", keys: live };
}
