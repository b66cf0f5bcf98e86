import { posix } from "node:path";
import { languageFor } from "../extract/parser.js";
import { testsLoading } from "../graph/tests-loading.js";
import type { RulesInput, RulesOutcome } from "./change-rules.js";
import { keep } from "./kept-tests.js";
import { textAt } from "./lockfile-impact.js";
import { lineAt } from "./text-line.js";

/**
 * `.env` files: Vite reads them into `import.meta.env` for every test of a project, dotenv into
 * `process.env`; no import names them. A change reaches the code that reads a changed variable, so
 * the tests that load a file naming a changed key are kept; a file that reads the environment by a
 * key built at run time (`process.env[name]`) could read any, so its loaders are kept with an
 * `ENV_FILE` warning. A change to comments alone changes no variable and keeps nothing.
 */

/**
 * `.env`, `.env.test.local`, and the `<name>.env` files loaded by path (`process.loadEnvFile(
 * "config/test.env")`, dotenv's `config({ path })`): which of them a run loads is not known, so
 * each is read for the keys it changes.
 */
const ENV_FILE = /^(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env(?:\.[\w.-]+)?)$/;
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:](.*)$/;
/** `process.env[name]`, `import.meta.env[key]`: an index that is not one literal key. */
const COMPUTED_ACCESS =
  /\b(?:process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)\s*\[(?!\s*(["'`])[\w.-]*\1\s*\])/;

export const isEnvFile = (path: string) => ENV_FILE.test(posix.basename(path));

/** Each variable's text; a line that assigns nothing continues the value before it (quoted, multi-line). */
function variables(text: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  let last: string | undefined;
  for (const line of (text ?? "").split(/\r?\n/)) {
    const match = ASSIGNMENT.exec(line);
    if (match) {
      last = match[1]!;
      values.set(last, match[2]!.trim());
    } else if (last !== undefined && line.trim() !== "" && !line.trimStart().startsWith("#")) {
      values.set(last, `${values.get(last)}\n${line}`);
    }
  }
  return values;
}

/** The variables whose values differ between the two sides: added, removed or changed. */
export function changedKeys(before: string | undefined, after: string | undefined): string[] {
  const [old, now] = [variables(before), variables(after)];
  const keys = new Set([...old.keys(), ...now.keys()]);
  return [...keys].filter((key) => old.get(key) !== now.get(key)).sort();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function envFileKeeps(input: RulesInput, outcome: RulesOutcome, paths: readonly string[]) {
  const changes: { path: string; keys: string[] }[] = [];
  for (const path of paths.filter(isEnvFile)) {
    const keys = changedKeys(await textAt(input.base, path), await textAt(input.head, path));
    if (keys.length > 0) changes.push({ path, keys });
  }
  if (changes.length === 0) return;
  const code = input.snapshot.paths.filter((path) => input.snapshot.headPaths.has(path) && languageFor(path));
  const texts = await input.head.read(code);
  for (const { path, keys } of changes) {
    const named = new RegExp(`(?<![\\w$])(?:${keys.map(escapeRegExp).join("|")})(?![\\w$])`);
    let computed: { file: string; line: number; tests: number } | undefined;
    for (const [file, content] of texts) {
      const text = content.toString("utf8");
      const mention = named.exec(text);
      const dynamic = mention ? undefined : COMPUTED_ACCESS.exec(text);
      const at = mention ?? dynamic;
      if (!at) continue;
      const line = lineAt(text, at.index);
      const tests = testsLoading(input.graph, file);
      const reason = mention
        ? `${path} changed ${mention[0]}, which ${file}:${line} reads`
        : `${path} changed ${keys.join(", ")}, and ${file}:${line} reads the environment by a key built at run time`;
      for (const test of tests) keep(outcome.forced, test, reason);
      if (dynamic && tests.length > 0) computed ??= { file, line, tests: tests.length };
    }
    if (computed) {
      input.warnings.push({
        code: "ENV_FILE",
        message: `${path} changed ${keys.join(", ")}; this file reads the environment by a key built at run time: the ${computed.tests} test(s) that load it are kept`,
        file: computed.file,
        line: computed.line,
      });
    }
  }
}
