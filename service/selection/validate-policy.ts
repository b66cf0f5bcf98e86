import { stringify } from "yaml";
import { parsePolicy } from "../../selector/policy/parse-policy.js";
import { PolicyError } from "../../selector/policy/policy-error.js";
import type { Policy } from "../../selector/policy/types.js";
import { ApiError } from "../api-error.js";

const POLICY_FILE = ".superplane/policy.yml";

/**
 * The selector's own parser validates the policy, so the service accepts exactly what the CLI
 * accepts and says it the same way. YAML text keeps its line numbers; a parsed object is written
 * back to YAML first, and then only the key is named, as its lines would be our invention.
 */
export function validatePolicy(policy: string | object | undefined): Policy | undefined {
  if (policy === undefined) return undefined;
  try {
    const text = typeof policy === "string" ? policy : stringify(policy);
    return parsePolicy(text, POLICY_FILE);
  } catch (error) {
    // The YAML library recurses per level of flow nesting (`[[[…]]]`); a JSON body is held to
    // MAX_BODY_DEPTH before it gets here, YAML text only by its length.
    if (error instanceof RangeError)
      throw new ApiError("POLICY_INVALID", `${POLICY_FILE}: nested too deeply to read`);
    if (!(error instanceof PolicyError)) throw error;
    if (typeof policy === "string") throw new ApiError("POLICY_INVALID", error.message, { cause: error });
    const first = error.errors[0];
    const where = first?.key ? `policy.${first.key}` : "policy";
    const more = error.errors.length > 1 ? ` (+${error.errors.length - 1} more)` : "";
    throw new ApiError("POLICY_INVALID", `${where}: ${first?.message ?? "invalid policy"}${more}`, {
      cause: error,
    });
  }
}
