import { posix } from "node:path";
import { follow, type ModuleScope, moduleScope, unwrap } from "./config-scope.js";
import { namedCalls } from "./named-calls.js";
import { type Item, managerRun, PACKAGE_MANAGERS } from "./package-manager-args.js";
import { inRepo, origin, type PathValue } from "./path-origin.js";
import { helperOf, REPO_ROOT, relativeToDir } from "./static-value.js";
import { lineOf, literalValue, type SyntaxNode } from "./syntax.js";
import type { ImportRecord } from "./types.js";

/** How a call names what it runs: a program with its argument list, a module, or a command line. */
type Form = "program" | "module" | "command";

const SPAWNS = new Map<string, Form>([
  ["cp#spawn", "program"],
  ["cp#spawnSync", "program"],
  ["cp#execFile", "program"],
  ["cp#execFileSync", "program"],
  ["cp#fork", "module"],
  ["cp#exec", "command"],
  ["cp#execSync", "command"],
  ["execa#execa", "program"],
  ["execa#execaSync", "program"],
  ["execa#execaNode", "module"],
  ["execa#execaCommand", "command"],
  ["execa#execaCommandSync", "command"],
  // execa 5 and older: one default export, with its forms as members.
  ["execa#default", "program"],
  ["execa#*", "program"],
  ["execa#sync", "program"],
  ["execa#node", "module"],
  ["execa#command", "command"],
  ["execa#commandSync", "command"],
  ["wt#Worker", "module"],
]);

/** What the calls are named in code; execa's default export and `require("execa")` as `execa`. */
const SPAWN_NAMES = new Set(
  [...SPAWNS.keys()]
    .map((helper) => helper.slice(helper.indexOf("#") + 1))
    .filter((name) => /^\w+$/.test(name) && name !== "default"),
);
const SPAWN_CALL = new RegExp(String.raw`\b(?:${[...SPAWN_NAMES].join("|")})\s*\(`, "g");
const PROCESS_MODULE = /["'](?:node:)?(?:child_process|worker_threads)["']|["']execa["']/;

/** Programs that run their first plain argument as a JavaScript or TypeScript module. */
const NODE_LIKE = new Set([
  "node",
  "nodejs",
  "tsx",
  "ts-node",
  "ts-node-esm",
  "vite-node",
  "babel-node",
  "bun",
]);
/** Package runners that hand on to the program named next (`npx tsx script.ts`). */
const RUNNERS = new Set(["npx", "pnpx", "bunx"]);
/** Node's flags whose next argument is a module it loads first (`--import ./setup.js`). */
const MODULE_FLAGS = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader"]);
/** Node's flags whose next argument is code, not a script: nothing more is run from a file. */
const CODE_FLAGS = new Set(["-e", "--eval", "-p", "--print"]);
/** How the running Node names itself. */
const SELF = new Set(["process.execPath", "process.argv0", "process.argv[0]"]);
/** A command's bare name, as a package bin is named (`mycli`, `create-app`). */
const BIN_NAME = /^[\w@][\w.-]*$/;
/** An argument of another program that is a file path, not a word: a folder in it, or a script's ending. */
const PATH_LIKE = /\/|\.(?:[cm]?[jt]sx?|sh|bash|py)$/;

interface Run {
  line: number;
  /** The running file's folder: specifiers are relative to it. */
  dir: string;
  /** Where the program runs, under REPO_ROOT: the call's `cwd` option, else the repository root. */
  cwd: string;
  out: ImportRecord[];
}

const nameOf = (found: PathValue) => ("value" in found ? posix.basename(found.value) : undefined);

/** A path the child resolves against its folder, as a repository path (undefined: outside it). */
function pathIn(value: string, cwd: string): string | undefined {
  return value.startsWith("/") || value.startsWith("file:") ? inRepo(value) : inRepo(posix.join(cwd, value));
}

/** The record of one thing the call runs; an unknown script keeps the tests that load the caller. */
function record(run: Run, found: PathValue, text: string, script = true): void {
  const base = { kind: "url" as const, names: "*" as const, typeOnly: false, line: run.line };
  if ("outside" in found) return;
  if ("value" in found) {
    const path = pathIn(found.value, run.cwd);
    if (path)
      run.out.push({
        ...base,
        specifier: relativeToDir(path, run.dir),
        spawned: true,
        ...(script ? { script: true as const } : {}),
      });
    return;
  }
  if ("prefix" in found) {
    const path = pathIn(found.prefix, run.cwd);
    const dir = path?.slice(0, path.lastIndexOf("/") + 1);
    if (dir && dir !== `${REPO_ROOT}/`) {
      const folder = relativeToDir(dir, run.dir).replace(/\/+$/, "");
      run.out.push({ ...base, specifier: `${folder}/**`, computed: "pattern", spawned: true });
      return;
    }
  }
  const specifier = text.replace(/\s+/g, " ").slice(0, 200);
  run.out.push({ ...base, kind: "dynamic", specifier, computed: "unknown", spawned: true });
}

/**
 * Node's arguments: the modules its flags load, then the script, the first plain argument. A
 * script nothing static tells is an unknown load; code given with `-e` runs no file.
 */
function nodeArguments(run: Run, args: readonly Item[]): void {
  for (let i = 0; i < args.length; i++) {
    const { found, text } = args[i]!;
    const word = "value" in found ? found.value : undefined;
    if (word !== undefined && CODE_FLAGS.has(word)) return;
    if (word === "--run") {
      // `node --run gen`: the package.json script, as `npm run gen` runs it.
      const asNpm = [{ found: { value: "run" }, text: "--run" }, ...args.slice(i + 1)];
      packageScriptRun(run, "npm", asNpm, { found: { value: "node" }, text: "node" });
      return;
    }
    if (word !== undefined && MODULE_FLAGS.has(word)) {
      const next = args[++i];
      if (next && "value" in next.found && /^[./]/.test(next.found.value)) record(run, next.found, next.text);
      continue;
    }
    if (word?.startsWith("-")) continue;
    record(run, found, text);
    return;
  }
}

/** A program and its arguments: Node's script, or the file paths another program is handed. */
function programRun(run: Run, program: Item, args: Item[]) {
  let name = SELF.has(program.text.replace(/\s+/g, "")) ? "node" : nameOf(program.found);
  let rest = args;
  let named = program;
  if (name !== undefined && RUNNERS.has(name) && args[0]) {
    name = nameOf(args[0].found);
    named = args[0];
    rest = args.slice(1);
  }
  if (name !== undefined && NODE_LIKE.has(name)) {
    nodeArguments(run, rest);
    return;
  }
  if (name !== undefined && PACKAGE_MANAGERS.has(name)) {
    packageScriptRun(run, name, rest, program);
    return;
  }
  // A program by bare name may be a package bin of the repository (`mycli`, `npx mycli`): the
  // graph looks it up among the package.json `bin` fields, and drops it when none has it.
  const word = "value" in named.found ? named.found.value : undefined;
  if (word !== undefined && BIN_NAME.test(word) && !PATH_LIKE.test(word) && !SELF.has(named.text)) {
    const base = { kind: "url" as const, names: "*" as const, typeOnly: false, line: run.line };
    run.out.push({ ...base, specifier: word, spawned: true, packageBin: true });
  }
  // A program run by its path (a script with a shebang), and the files another program is handed.
  for (const item of [program, ...args]) {
    if ("value" in item.found && PATH_LIKE.test(item.found.value))
      record(run, item.found, item.text, item === program);
  }
}

/**
 * `npm run gen`, `yarn gen`, `pnpm test`: the package.json script of the folder it runs in, for
 * the graph to follow (package-scripts.ts); a script nothing static names is a load that cannot be
 * followed (kept, with a warning). `npm exec`, `yarn node`: the program they run.
 */
function packageScriptRun(run: Run, manager: string, args: Item[], program: Item): void {
  const what = managerRun(manager, args);
  if (what?.kind === "program") {
    const [next, ...rest] = what.items;
    if (next) programRun(run, next, rest);
    return;
  }
  if (!what) return;
  const base = {
    kind: "url" as const,
    names: "*" as const,
    typeOnly: false,
    line: run.line,
    spawned: true as const,
  };
  const dir = what.dir
    ? "value" in what.dir.found
      ? pathIn(what.dir.found.value, run.cwd)
      : undefined
    : run.cwd;
  const handed = what.rest.flatMap((item) => ("value" in item.found ? [item.found.value] : []));
  if (what.name === undefined || dir === undefined || handed.length < what.rest.length) {
    // The code that builds the command, where part of it is not static; else its words.
    const unknown = args.find((item) => !("value" in item.found));
    const text = unknown ? unknown.text : [program, ...args].map((item) => item.text).join(" ");
    run.out.push({ ...base, specifier: text.replace(/\s+/g, " ").slice(0, 200), packageScript: {} });
    return;
  }
  const script = { name: what.name, ...(handed.length > 0 ? { args: handed } : {}) };
  run.out.push({
    ...base,
    specifier: relativeToDir(`${dir.replace(/\/+$/, "")}/`, run.dir),
    packageScript: script,
  });
}

/** `"node src/cli.js --flag"`: words split at white space; a run-time tail leaves its last word unknown. */
function commandWords(arg: SyntaxNode, scope: ModuleScope): Item[] {
  const found = origin(arg, scope);
  const text = "value" in found ? found.value : "prefix" in found ? found.prefix : "";
  const words = text.split(/\s+/).filter((word) => word !== "");
  const known = "value" in found || /\s$/.test(text) ? words : words.slice(0, -1);
  const items: Item[] = known.map((word) => ({
    found: { value: word.replace(/^["']|["']$/g, "") },
    text: word,
  }));
  if (!("value" in found)) items.push({ found: { unknown: true }, text: arg.text });
  return items;
}

/** Shell operators between commands of one line: each command runs on its own. */
const SHELL_SEPARATOR = /\s*(?:&&|\|\||;|\||&)\s*/;
/** Programs that set the environment and run the rest: `cross-env NODE_ENV=test node x.js`. */
const ENV_SETTERS = new Set(["cross-env", "env", "dotenv"]);

/** A shell word as the program sees it: quotes taken off; one with `$`, a backtick or a glob is unknown. */
function shellWord(word: string): Item {
  if (/[$`*?]/.test(word)) return { found: { unknown: true }, text: word };
  return { found: { value: word.replace(/^(["'])(.*)\1$/, "$2") }, text: word };
}

/**
 * The scripts a shell command line runs (a package.json script's `node scripts/gen.js && tsc`), as
 * records relative to the folder `dir` of the file that runs it, with `cwd` (under REPO_ROOT) the
 * folder the line runs in. Each command is followed as a spawned one would be.
 */
export function commandLineRecords(
  command: string,
  at: { line: number; dir: string; cwd: string },
): ImportRecord[] {
  const out: ImportRecord[] = [];
  const run: Run = { ...at, out };
  for (const part of command.split(SHELL_SEPARATOR)) {
    const words = part.split(/\s+/).filter((w) => w !== "" && w !== "--");
    let start = 0;
    while (start < words.length && (/^\w+=/.test(words[start]!) || ENV_SETTERS.has(words[start]!))) start++;
    const [program, ...rest] = words.slice(start).map(shellWord);
    if (program && !("value" in program.found)) {
      // A program the line picks at run time (`$BIN x.js`): what it runs cannot be told.
      const base = { kind: "url" as const, names: "*" as const, typeOnly: false, line: at.line };
      out.push({ ...base, specifier: part.slice(0, 200), spawned: true, packageScript: {} });
    } else if (program) programRun(run, program, rest);
  }
  return out;
}

/** The items of an argument list; a spread of what the file does not tell is one unknown item. */
function listItems(node: SyntaxNode | undefined, scope: ModuleScope): Item[] {
  const list = follow(node, scope);
  if (list?.type !== "array") return [];
  return list.namedChildren
    .filter((item) => item.type !== "comment")
    .map((item) => ({
      found: item.type === "spread_element" ? { unknown: true } : origin(item, scope),
      text: item.text,
    }));
}

/** The `cwd` option among the call's arguments, as a path under REPO_ROOT; the root when absent. */
function cwdOf(args: readonly SyntaxNode[], scope: ModuleScope): string | undefined {
  for (const arg of args) {
    const options = follow(arg, scope);
    if (options?.type !== "object") continue;
    for (const pair of options.namedChildren) {
      const key = pair.childForFieldName("key");
      if (pair.type !== "pair" || (literalValue(key) ?? key?.text) !== "cwd") continue;
      const found = origin(pair.childForFieldName("value")!, scope);
      return "value" in found ? (inRepo(found.value) ?? undefined) : undefined;
    }
  }
  return REPO_ROOT;
}

/** `new Worker(code, { eval: true })` runs code, not a file. */
function evalsCode(args: readonly SyntaxNode[], scope: ModuleScope): boolean {
  const options = follow(args[1], scope);
  return options?.type === "object" && /\beval\s*:\s*true\b/.test(options.text);
}

/**
 * Scripts a module runs apart from itself: a child process (`execFileSync(process.execPath,
 * [join(__dirname, "cli.js")])`, `fork(path)`, `execSync("node src/cli.js")`, execa's) or a worker
 * thread (`new Worker(path)`). The script runs with its imports, so each is a whole-module load of
 * the file it names, resolved against the call's `cwd` (the repository root, where tests run, by
 * default). Node's script when nothing static tells it is an unknown load, kept as a computed
 * import is; another program's arguments count only where they are file paths.
 */
export function spawnedScripts(root: SyntaxNode, source: string, file: string, out: ImportRecord[]): void {
  if (!PROCESS_MODULE.test(source)) return;
  let scope: ModuleScope | undefined;
  for (const call of namedCalls(root, source, SPAWN_CALL)) {
    scope ??= moduleScope(root, file);
    const callee = unwrap(
      call.childForFieldName(call.type === "new_expression" ? "constructor" : "function"),
    );
    const form = callee ? SPAWNS.get(helperOf(callee, scope) ?? "") : undefined;
    const args = (call.childForFieldName("arguments")?.namedChildren ?? []).filter(
      (a) => a.type !== "comment",
    );
    if (!form || !args[0]) continue;
    // `new URL("./x", import.meta.url)` is read where it is built (call-imports.ts).
    if (/\bnew\s+URL\b/.test(args[0].text) || (form === "module" && evalsCode(args, scope))) continue;
    const cwd = cwdOf(args.slice(1), scope);
    if (cwd === undefined) continue;
    const run: Run = { line: lineOf(call), dir: scope.dir, cwd, out };
    const first = { found: origin(args[0], scope), text: args[0].text };
    if (form === "module") record(run, first.found, first.text);
    else if (form === "program") programRun(run, first, listItems(args[1], scope));
    else {
      const [program, ...rest] = commandWords(args[0], scope);
      if (program) programRun(run, program, rest);
    }
  }
}
