import { join } from "node:path";
import { gitDir } from "../git/git-dir.js";

/**
 * `.git/superplane/`: the parse cache and what a service would otherwise keep (durations,
 * coverage records, upload marks). Inside `.git` so it is never committed, and one folder so a
 * CI cache step carries all of it.
 */
export async function stateDir(repoDir: string): Promise<string> {
  return join(await gitDir(repoDir), "superplane");
}
