import { dirOf } from "../resolve/repo-path.js";

/** A command a package.json `bin` declares: the folder of that package.json and the file it names. */
export interface PackageBin {
  dir: string;
  target: string;
}

/** The files a repository's packages install as commands, by command name. */
export type BinsLookup = (name: string) => readonly PackageBin[];

/**
 * `"bin": "./dist/cli.js"` (the command is the package's name, scope dropped) and
 * `"bin": { "mycli": "./bin/run.js" }`, from every package.json of the repository.
 */
export function binsLookup(
  paths: readonly string[],
  readText: (path: string) => string | undefined,
): BinsLookup {
  const byName = new Map<string, PackageBin[]>();
  const add = (name: string, dir: string, target: unknown) => {
    if (typeof target !== "string" || target === "") return;
    byName.set(name, [...(byName.get(name) ?? []), { dir, target }]);
  };
  for (const path of paths) {
    if ((path !== "package.json" && !path.endsWith("/package.json")) || path.includes("node_modules/"))
      continue;
    const text = readText(path);
    if (text === undefined || !text.includes('"bin"')) continue;
    let manifest: { name?: unknown; bin?: unknown };
    try {
      manifest = JSON.parse(text) as { name?: unknown; bin?: unknown };
    } catch {
      continue;
    }
    const dir = dirOf(path);
    if (typeof manifest.bin === "string" && typeof manifest.name === "string")
      add(manifest.name.replace(/^@[^/]+\//, ""), dir, manifest.bin);
    else if (manifest.bin && typeof manifest.bin === "object")
      for (const [name, target] of Object.entries(manifest.bin)) add(name, dir, target);
  }
  return (name) => byName.get(name) ?? [];
}
