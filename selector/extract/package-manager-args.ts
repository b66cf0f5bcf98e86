import type { PathValue } from "./path-origin.js";

/** One argument of a command: what is known of it as a path, and its code for messages. */
export interface Item {
  found: PathValue;
  text: string;
}

/** Programs that run a package.json script by name. */
export const PACKAGE_MANAGERS = new Set(["npm", "yarn", "pnpm"]);

/**
 * What a package manager's arguments run:
 * - `script`: a package.json script (`npm run gen`, `yarn gen`, `pnpm test`), with the folder a
 *   `--prefix`/`--cwd`/`-C` flag names and the words handed on to it; `name` is undefined when the
 *   script cannot be told (a run-time name, a workspace or filter flag that picks other packages);
 * - `program`: a program run directly (`npm exec tsx x.ts`, `yarn node x.js`, `pnpm dlx …`);
 * - undefined: no script or program (`npm install`, `yarn add`).
 */
export type ManagerRun =
  | { kind: "script"; name?: string; dir?: Item; rest: Item[] }
  | { kind: "program"; items: Item[] };

/** npm's lifecycle shorthands and the scripts they run. */
const NPM_LIFECYCLE = new Map([
  ["test", "test"],
  ["t", "test"],
  ["tst", "test"],
  ["start", "start"],
  ["stop", "stop"],
  ["restart", "restart"],
]);
const RUN = new Set(["run", "run-script", "rum", "urn"]);
const EXEC = new Set(["exec", "x", "dlx"]);
/** Flags whose next word is a folder the script runs in. */
const DIR_FLAGS = new Set(["--prefix", "--cwd", "-C", "--dir"]);
/** Flags that run the script in other packages (workspaces, filters): which ones is not told here. */
const OTHER_PACKAGES =
  /^(?:-w|--workspace|-ws|--workspaces|--filter|-F|-r|--recursive|--include-workspace-root)(?:=|$)/;
/** Commands of yarn and pnpm that are theirs, not a script's (a script of that name does not run). */
const BUILTINS = new Set([
  ...["add", "install", "i", "remove", "rm", "upgrade", "up", "update", "why", "info", "init", "create"],
  ...["bin", "config", "cache", "link", "unlink", "pack", "publish", "version", "set", "plugin"],
  ...["constraints", "dedupe", "explain", "npm", "patch", "patch-commit", "rebuild", "unplug", "audit"],
  ...["outdated", "prune", "fetch", "import", "list", "ls", "store", "env", "setup", "server"],
  ...["licenses", "deploy", "root", "doctor", "login", "logout", "owner", "tag", "global", "help"],
  ...["workspaces", "approve-builds"],
]);

const word = (item: Item | undefined) => (item && "value" in item.found ? item.found.value : undefined);

/** The words after a script's name that reach the script (npm's after `--`, the others' all). */
const handedOn = (rest: Item[]) => (word(rest[0]) === "--" ? rest.slice(1) : rest);

/**
 * The command a package manager's argument list runs. Flags before the command are skipped, a
 * folder flag is kept; a word nothing static tells, where the command or script name stands,
 * is a script that cannot be told.
 */
export function managerRun(manager: string, args: readonly Item[]): ManagerRun | undefined {
  let dir: Item | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const value = word(args[i]);
    if (value === undefined) return { kind: "script", rest: [] };
    if (OTHER_PACKAGES.test(value)) return { kind: "script", rest: [] };
    if (DIR_FLAGS.has(value)) dir = args[++i];
    else if (!value.startsWith("-")) break;
  }
  const command = word(args[i]);
  if (command === undefined) return args[i] ? { kind: "script", rest: [] } : undefined;
  const after = args.slice(i + 1);
  const script = (name: string | undefined, rest: Item[]): ManagerRun => ({
    kind: "script",
    ...(name !== undefined ? { name } : {}),
    ...(dir ? { dir } : {}),
    rest: handedOn(rest),
  });
  if (RUN.has(command)) {
    const at = after.findIndex((item) => !word(item)?.startsWith("-"));
    if (at < 0) return undefined;
    if (after.slice(0, at).some((item) => OTHER_PACKAGES.test(word(item) ?? "")))
      return script(undefined, []);
    return script(word(after[at]), after.slice(at + 1));
  }
  if (EXEC.has(command)) return { kind: "program", items: after.filter((item) => word(item) !== "--") };
  if (manager === "yarn" && command === "node") return { kind: "program", items: args.slice(i) };
  if (manager === "yarn" && command === "workspace") return script(undefined, []);
  if (manager === "npm") {
    const lifecycle = NPM_LIFECYCLE.get(command);
    return lifecycle ? script(lifecycle, after) : undefined;
  }
  if (manager === "pnpm" && NPM_LIFECYCLE.has(command)) return script(NPM_LIFECYCLE.get(command), after);
  return BUILTINS.has(command) ? undefined : script(command, after);
}
