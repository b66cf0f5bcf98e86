import { readFile } from "node:fs/promises";
import { defaultPolicy } from "../policy/default-policy.js";
import { PolicyError, type PolicyProblem } from "../policy/policy-error.js";
import type { Policy } from "../policy/types.js";
import type { RevisionSource } from "../repo/revision-source.js";

export const DEFAULT_POLICY_PATH = ".superplane/policy.yml";

export interface LoadedPolicy {
  policy: Policy;
  /** Where it came from, for the output ("defaults" when there is no file). */
  source: string;
  /**
   * Set when the file is invalid, or its `tests.include` matches no file: the defaults stand in and
   * everything must run.
   */
  error?: PolicyError;
  /** Globs of a valid policy that match no file of the revision (policy-sanity.ts). */
  warnings?: PolicyProblem[];
}

/**
 * The policy at the head revision (what the change itself says), or an explicit file on disk.
 * A missing file means the defaults; an invalid one is returned as an error, not thrown, so the
 * caller can still run the whole suite.
 */
export async function loadPolicy(head: RevisionSource, explicitFile?: string): Promise<LoadedPolicy> {
  let text: string | undefined;
  const file = explicitFile ?? DEFAULT_POLICY_PATH;
  if (explicitFile) {
    text = await readFile(explicitFile, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) {
      const error = new PolicyError(`${explicitFile}: policy file not found`, { file: explicitFile });
      return { policy: defaultPolicy(), source: explicitFile, error };
    }
  } else {
    text = (await head.read([DEFAULT_POLICY_PATH])).get(DEFAULT_POLICY_PATH)?.toString("utf8");
    if (text === undefined) return { policy: defaultPolicy(), source: "defaults" };
  }
  // Loaded only for a policy file: without one, a selection needs no yaml.
  const { parsePolicy } = await import("../policy/parse-policy.js");
  let policy: Policy;
  try {
    policy = parsePolicy(text, file);
  } catch (error) {
    if (error instanceof PolicyError) return { policy: defaultPolicy(), source: file, error };
    throw error;
  }
  const { checkPolicyGlobs } = await import("../policy/policy-sanity.js");
  const { error, warnings } = checkPolicyGlobs(
    policy,
    text,
    head.entries.map((e) => e.path),
  );
  if (error) {
    return {
      policy: defaultPolicy(),
      source: file,
      error: PolicyError.fromProblems(file, [error]),
      warnings,
    };
  }
  return { policy, source: file, warnings };
}
