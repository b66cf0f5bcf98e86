import type { LoadedPolicy } from "../../selector/select/load-policy.js";
import type { Note } from "./plan.js";

/**
 * The policy's problems as annotations: a glob of a valid policy that matches no file is a warning
 * on its line; an invalid policy (or a `tests.include` matching no file) an error on the line it names.
 */
export function policyNotes(policy: LoadedPolicy): Note[] {
  const notes: Note[] = (policy.warnings ?? []).map((problem) => ({
    level: "warning",
    message: `${problem.key}: ${problem.message}`,
    file: policy.source,
    ...(problem.line ? { line: problem.line } : {}),
    ...(problem.column ? { column: problem.column } : {}),
  }));
  const error = policy.error;
  if (error) {
    notes.push({
      level: "error",
      message: `${error.message} (the whole suite runs until it is fixed)`,
      file: error.file,
      ...(error.line ? { line: error.line } : {}),
      ...(error.column ? { column: error.column } : {}),
    });
  }
  return notes;
}
