import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { commitAll } from "../generate/generate-repo.js";

export const ZOD_VERSION = "4.6.7";

/**
 * The real zod sources with their tests, from the npm registry (the package ships `src/`),
 * committed into a fresh git repository. Nothing of it is kept in this repository.
 */
export function zodRepo(workDir: string): string {
  const packDir = join(workDir, "zod-pack");
  mkdirSync(packDir, { recursive: true });
  execFileSync("npm", ["pack", `zod@${ZOD_VERSION}`, "--silent"], {
    cwd: packDir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack zod@${ZOD_VERSION} produced no tarball in ${packDir}`);
  execFileSync("tar", ["xzf", tarball], { cwd: packDir });
  const repo = join(workDir, "zod");
  mkdirSync(repo, { recursive: true });
  cpSync(join(packDir, "package", "src"), join(repo, "src"), { recursive: true });
  cpSync(join(packDir, "package", "package.json"), join(repo, "package.json"));
  commitAll(repo, `zod ${ZOD_VERSION} sources`);
  return repo;
}
