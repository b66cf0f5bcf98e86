import { posix } from "node:path";
import { type ModuleScope, moduleScope, unwrap } from "./config-scope.js";
import { namedCalls } from "./named-calls.js";
import { atProcessFolders, inRepo, origin, type PathValue, PROCESS_CWD } from "./path-origin.js";
import { isRunnerConfigFile } from "./runner-config-name.js";
import { helperOf, REPO_ROOT, relativeToDir } from "./static-value.js";
import { lineOf, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/** Functions whose first argument is a path whose content or listing the caller then depends on. */
const READS = new Set([
  ...[
    "readFileSync",
    "readFile",
    "createReadStream",
    "readdirSync",
    "readdir",
    "existsSync",
    "statSync",
    "stat",
    "lstatSync",
    "lstat",
    "opendirSync",
    "opendir",
    "accessSync",
    "access",
    // fs-extra's
    "readJsonSync",
    "readJson",
    "readJSONSync",
    "readJSON",
    "pathExistsSync",
    "pathExists",
  ].map((name) => `fs#${name}`),
  ...["readFile", "readdir", "stat", "lstat", "access", "open", "opendir"].map((name) => `fsp#${name}`),
]);

const READ_NAMES = new Set([...READS].map((helper) => helper.slice(helper.indexOf("#") + 1)));
const READ_CALL = new RegExp(String.raw`\b(?:${[...READ_NAMES].join("|")})\s*\(`, "g");
const FS_MODULE = /["'](?:node:)?fs(?:\/promises)?["']|["'](?:fs-extra|graceful-fs)["']/;

/**
 * The reads of a path at each folder the process may run in (a relative path, `process.cwd()`):
 * code under test runs from the root or a package's folder on the way down to it. A runner config
 * says where it runs itself (`configReadRecords`): `atProcess` false reads the path as it is.
 */
export function readRecords(
  found: PathValue,
  arg: SyntaxNode,
  scope: ModuleScope,
  call: SyntaxNode,
  atProcess = true,
): ImportRecord[] {
  const records = new Map<string, ImportRecord>();
  const places = atProcess ? atProcessFolders(found, scope.dir) : [{ at: found, folder: undefined }];
  for (const { at, folder } of places) {
    for (const record of readRecordsAt(at, folder, arg, scope, call)) records.set(record.specifier, record);
  }
  return [...records.values()];
}

/** The fields every read record of the call shares: a read of the whole file, at the call's line. */
export function fsReadRecord(call: SyntaxNode) {
  return {
    kind: "url" as const,
    names: "*" as const,
    typeOnly: false,
    line: lineOf(call),
    fsRead: true as const,
  };
}

function readRecordsAt(
  found: PathValue,
  folder: string | undefined,
  arg: SyntaxNode,
  scope: ModuleScope,
  call: SyntaxNode,
): ImportRecord[] {
  const base = fsReadRecord(call);
  if ("outside" in found) return [];
  if ("value" in found) {
    const path = inRepo(found.value);
    return path ? [{ ...base, specifier: relativeToDir(path, scope.dir) }] : [];
  }
  if ("prefix" in found) {
    const path = inRepo(found.prefix);
    if (!path) return [];
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    // A name read anywhere in the repository (or the package the process runs in) is as good as
    // unknown: linking every file would keep the test on every change, where an unknown read keeps
    // it only for files no import reaches.
    if (dir !== `${REPO_ROOT}/` && dir !== `${folder}/`) {
      const folder = relativeToDir(dir, scope.dir).replace(/\/+$/, "");
      return [{ ...base, specifier: `${folder}/**`, computed: "pattern" }];
    }
  }
  return [
    { ...base, specifier: arg.text.replace(/\s+/g, " ").slice(0, 200), computed: "unknown", fsRead: true },
  ];
}

const FILE_SNAPSHOT = /\btoMatchFileSnapshot\s*\(/g;

/** A path Vitest resolves against the test file's folder, not the process's. */
function fileRelative(found: PathValue, scope: ModuleScope): PathValue {
  const dir = scope.dir === "" ? REPO_ROOT : `${REPO_ROOT}/${scope.dir}`;
  const against = (path: string) => (path.startsWith("/") ? path : posix.join(dir, path));
  if ("value" in found) return { value: against(found.value) };
  if ("prefix" in found) return { prefix: against(found.prefix) };
  return found;
}

/**
 * `expect(html).toMatchFileSnapshot("./__snapshots__/page.html")`: Vitest compares with the file's
 * content, so the test reads it as `readFileSync` would, by a path relative to the test file.
 */
function fileSnapshots(root: SyntaxNode, source: string, scopeOf: () => ModuleScope, out: ImportRecord[]) {
  for (const call of namedCalls(root, source, FILE_SNAPSHOT)) {
    const arg = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
    if (!arg) continue;
    const scope = scopeOf();
    out.push(...readRecords(fileRelative(origin(arg, scope), scope), arg, scope, call));
  }
}

/**
 * Files a module reads by path with `fs` (`readFileSync(join(__dirname, "fixtures", "a.json"))`):
 * a path the file's own constants and path helpers give is a read of that file (or folder); one
 * that starts in a known folder and ends in a run-time name reads every file under the folder
 * (build-graph.ts records them as the node's `reads`, not as edges); one with nothing static to go
 * on is an unknown read (`computed-reads.ts` keeps the tests that load it and name a changed file
 * no import reaches). A path that names no file at the revision is one the test writes or may
 * lack: nothing, and no warning. Paths under the temp or home
 * folder are no repository file. An unknown name is taken to stay inside its folder (`name`, not
 * `../x`).
 */
export function fsReads(root: SyntaxNode, source: string, file: string, out: ImportRecord[]): void {
  let scope: ModuleScope | undefined;
  fileSnapshots(root, source, () => (scope ??= { ...moduleScope(root, file), cwd: PROCESS_CWD }), out);
  if (!FS_MODULE.test(source)) return;
  const config = isRunnerConfigFile(file);
  for (const call of namedCalls(root, source, READ_CALL)) {
    scope ??= { ...moduleScope(root, file), cwd: PROCESS_CWD };
    const callee = unwrap(call.childForFieldName("function"));
    const helper = callee ? helperOf(callee, scope) : undefined;
    if (!helper || !READS.has(helper)) continue;
    const arg = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
    // `new URL("./x", import.meta.url)` is read where it is built (call-imports.ts), except in a
    // runner config: there a URL edge is an alias or a root, and the read is the config's own.
    if (!arg || (!config && /\bnew\s+URL\b/.test(arg.text))) continue;
    out.push(
      ...(config ? configReadRecords(arg, scope, call) : readRecords(origin(arg, scope), arg, scope, call)),
    );
  }
}

/**
 * A runner config runs in the folder the runner starts in: the repository root, or the config's
 * own folder (`npm test -w app`, `cd app && vitest`). A relative path it reads names a file under
 * either, so both are reads; the one that names no file drops out in the graph.
 */
function configReadRecords(arg: SyntaxNode, scope: ModuleScope, call: SyntaxNode): ImportRecord[] {
  const root = { ...scope, cwd: REPO_ROOT };
  const records = readRecords(origin(arg, root), arg, root, call, false);
  const own = scope.dir === "" ? REPO_ROOT : `${REPO_ROOT}/${scope.dir}`;
  if (own === REPO_ROOT) return records;
  const local = { ...scope, cwd: own };
  const found = origin(arg, local);
  const fromOwn = readRecords(fileRelative(found, local), arg, local, call, false);
  return [...records, ...fromOwn.filter((r) => !records.some((s) => s.specifier === r.specifier))];
}
