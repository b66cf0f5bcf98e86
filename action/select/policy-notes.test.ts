import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../selector/policy/default-policy.js";
import { PolicyError } from "../../selector/policy/policy-error.js";
import { policyNotes } from "./policy-notes.js";

const FILE = ".superplane/policy.yml";

describe("policyNotes", () => {
  it("a glob that matches no file is a warning annotation on its line", () => {
    const notes = policyNotes({
      policy: defaultPolicy(),
      source: FILE,
      warnings: [
        { line: 3, column: 5, key: "always_run[1]", message: '"x/**" matches no file: it selects no test' },
      ],
    });
    expect(notes).toEqual([
      {
        level: "warning",
        message: 'always_run[1]: "x/**" matches no file: it selects no test',
        file: FILE,
        line: 3,
        column: 5,
      },
    ]);
  });

  it("an error is an error annotation at the line it names", () => {
    const problem = { line: 3, column: 3, key: "tests.include", message: "matches no file" };
    const error = PolicyError.fromProblems(FILE, [problem]);
    const notes = policyNotes({ policy: defaultPolicy(), source: FILE, error });
    expect(notes).toEqual([
      {
        level: "error",
        message: `${FILE}:3:3: tests.include: matches no file (the whole suite runs until it is fixed)`,
        file: FILE,
        line: 3,
        column: 3,
      },
    ]);
  });

  it("a policy without problems says nothing", () => {
    expect(policyNotes({ policy: defaultPolicy(), source: "defaults" })).toEqual([]);
  });
});
