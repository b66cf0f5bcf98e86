import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo, type TempRepo } from "../../test/support/temp-repo.js";
import { selectInRepo } from "./select-in-repo.js";

let repo: TempRepo;
let start: string;

beforeAll(() => {
  repo = makeTempRepo();
  repo.write("src/m.ts", "export function a() {\n  return 1;\n}\nexport function b() {\n  return 2;\n}\n");
  repo.write("test/a.test.ts", 'import { a } from "../src/m";\nconsole.log(a());\n');
  repo.write("test/ns.test.ts", 'import * as m from "../src/m";\nconsole.log(Object.keys(m));\n');
  start = repo.commit("start");
});

afterAll(() => repo.remove());

async function blindAfter(source: string): Promise<string[]> {
  repo.write("src/m.ts", source);
  const head = repo.commit("change");
  const output = await selectInRepo({ repoDir: repo.dir, base: start, head, cacheFile: false });
  repo.git("reset", "-q", "--hard", start);
  return output.evidence.filter((e) => e.coverageBlind).map((e) => e.path);
}

describe("what coverage cannot see", () => {
  it("an edit that only adds lines inside a function changes no name: nothing is blind", async () => {
    const inserted =
      "export function a() {\n  const x = 1;\n  return x;\n}\nexport function b() {\n  return 2;\n}\n";
    expect(await blindAfter(inserted)).toEqual([]);
  });

  it("a new export is seen by a test reading the namespace whole, not by one importing a name", async () => {
    const added =
      "export function a() {\n  return 1;\n}\nexport function b() {\n  return 2;\n}\nexport function c() {}\n";
    expect(await blindAfter(added)).toEqual(["test/ns.test.ts"]);
  });
});
