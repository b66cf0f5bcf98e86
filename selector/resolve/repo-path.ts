/** Repository paths: POSIX, relative, "" for the root directory. No file system involved. */

export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * Joins `relative` onto directory `base` and normalises `.`/`..`. Returns undefined when the result
 * would leave the repository: such an import names nothing we can see. Leading `./` and `../` are
 * peeled without splitting (the hot path of relative imports); anything odder is split.
 */
export function joinPath(base: string, relative: string): string | undefined {
  let dir = base;
  let rest = relative;
  while (rest !== "") {
    if (rest.startsWith("./") || rest.startsWith("/")) rest = rest.slice(rest.startsWith("/") ? 1 : 2);
    else if (rest === ".") rest = "";
    else if (rest.startsWith("../") || rest === "..") {
      if (dir === "") return undefined;
      dir = dirOf(dir);
      rest = rest.slice(3);
    } else break;
  }
  if (rest.includes("/.") || rest.includes("//") || rest.endsWith("/")) return joinSegments(dir, rest);
  return dir === "" ? rest : rest === "" ? dir : `${dir}/${rest}`;
}

function joinSegments(base: string, relative: string): string | undefined {
  const out = base === "" ? [] : base.split("/");
  for (const segment of relative.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.join("/");
}

/** `dir/name`, or `name` at the root. */
export function childPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

/** `dir` and every ancestor up to the root (""), nearest first. */
export function* ancestors(dir: string): Generator<string> {
  let current = dir;
  while (true) {
    yield current;
    if (current === "") return;
    current = dirOf(current);
  }
}

/** Path of `path` inside `dir`, or undefined when it is not inside. */
export function pathInside(dir: string, path: string): string | undefined {
  if (dir === "") return path;
  if (path === dir) return "";
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
}

/** `./x`, `../x`, `.`, `..`: resolved against the importing file's directory. */
export function isRelative(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

/**
 * Drops Vite-style `?raw`/`?worker` queries and `#hash` suffixes: they select a loader, not a file.
 * A leading `#` is a package subpath import and stays.
 */
export function stripQuery(specifier: string): string {
  let end = specifier.length;
  const query = specifier.indexOf("?");
  if (query !== -1) end = query;
  const hash = specifier.indexOf("#", 1);
  if (hash !== -1 && hash < end) end = hash;
  return specifier.slice(0, end);
}

/** `@scope/name` for scoped specifiers, the first segment otherwise. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  if (specifier.startsWith("@") && parts.length > 1) return `${parts[0]}/${parts[1]}`;
  return parts[0] ?? specifier;
}

/** The part after the package name, without a leading slash ("" when none). */
export function subpathOf(specifier: string, packageName: string): string {
  return specifier.slice(packageName.length).replace(/^\/+/, "");
}
