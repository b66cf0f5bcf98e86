import { afterEach, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { evalStates } from "./base-state.js";
import { pickCommits } from "./eval-commits.js";

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const isSource = (path: string) => path.endsWith(".ts") && !path.endsWith(".test.ts");

describe("evalStates", () => {
  it("reverts the commit's sources, keeps its tests, and makes head a child of base", async () => {
    repo = makeTempRepo();
    repo.write("src/a.ts", "export const a = 1;\n");
    repo.write("src/gone.ts", "export const gone = 1;\n");
    repo.write("test/a.test.ts", "expect(a).toBe(1);\n");
    repo.commit("base");
    repo.write("src/a.ts", "export const a = 2;\n");
    repo.write("src/new.ts", "export const n = 1;\n");
    repo.git("rm", "-q", "src/gone.ts");
    repo.write("test/a.test.ts", "expect(a).toBe(2);\n");
    repo.write("README.md", "docs\n");
    repo.commit("change");
    repo.commit("docs only");

    const commits = await pickCommits(repo.dir, { head: "HEAD", count: 5, paths: [], isSource });
    expect(commits.map((c) => c.sourceFiles)).toEqual([["src/a.ts", "src/gone.ts", "src/new.ts"]]);
    const states = await evalStates(repo.dir, commits[0]!);

    const show = (rev: string, path: string) => repo!.git("show", `${rev}:${path}`);
    expect(show(states.base, "src/a.ts")).toBe("export const a = 1;\n");
    expect(show(states.base, "src/gone.ts")).toBe("export const gone = 1;\n");
    expect(show(states.base, "test/a.test.ts")).toBe("expect(a).toBe(2);\n");
    expect(show(states.base, "README.md")).toBe("docs\n");
    expect(repo.git("ls-tree", "--name-only", "-r", states.base)).not.toContain("src/new.ts");
    expect(repo.git("rev-parse", `${states.head}^{tree}`)).toBe(
      repo.git("rev-parse", `${commits[0]!.sha}^{tree}`),
    );
    expect(repo.git("rev-parse", `${states.head}^`).trim()).toBe(states.base);
    expect(repo.git("diff", "--name-only", states.base, states.head).trim().split("\n")).toEqual([
      "src/a.ts",
      "src/gone.ts",
      "src/new.ts",
    ]);
    // The work tree and the real index are untouched.
    expect(repo.git("status", "--porcelain")).toBe("");
  });
});
