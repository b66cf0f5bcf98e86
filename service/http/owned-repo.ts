import { notFound } from "../api-error.js";
import type { Repo, Storage } from "../storage/storage.js";

/** The organization's repository, else NOT_FOUND (another organization's is not found either). */
export async function ownedRepo(storage: Storage, orgId: string, id: string): Promise<Repo> {
  const repo = await storage.getRepo(orgId, id);
  if (!repo) throw notFound("repository", id);
  return repo;
}
