import type { SelectionWarning } from "../../selector/select/types.js";
import type { Note } from "./plan.js";

/** GitHub shows ten warning annotations a step; the rest are counted in one note and logged whole. */
const MAX_NOTES = 10;

/**
 * What the graph could not read, as warnings in the summary and annotations on the line: each is a
 * place where the selector kept tests because it could not be sure, or where a dependency may hide.
 */
export function graphNotes(warnings: readonly SelectionWarning[]): Note[] {
  const notes: Note[] = warnings.slice(0, MAX_NOTES).map((warning) => ({
    level: "warning",
    message: warning.message,
    ...(warning.file ? { file: warning.file } : {}),
    ...(warning.line ? { line: warning.line } : {}),
  }));
  if (warnings.length > MAX_NOTES) {
    notes.push({
      level: "warning",
      message: `and ${warnings.length - MAX_NOTES} more graph warning(s): see the step's log`,
    });
  }
  return notes;
}
