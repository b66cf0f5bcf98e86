import { describe, expect, it } from "vitest";
import { expand, planBatches, quote } from "./command-template.js";

describe("quote", () => {
  it("leaves plain paths alone and quotes the rest for each shell", () => {
    expect(quote("test/a.test.ts", "posix")).toBe("test/a.test.ts");
    expect(quote("test/it's here.test.ts", "posix")).toBe(`'test/it'\\''s here.test.ts'`);
    expect(quote("test/a b.test.ts", "cmd")).toBe('"test/a b.test.ts"');
    expect(quote("test/a.test.ts", "cmd")).toBe("test/a.test.ts");
  });
});

describe("expand", () => {
  it("fills {tests} and {tests_file}, every occurrence", () => {
    expect(expand("npx vitest run {tests}", ["a.test.ts", "b c.test.ts"], "/tmp/t.txt", "posix")).toBe(
      "npx vitest run a.test.ts 'b c.test.ts'",
    );
    expect(expand("xargs -a {tests_file} jest; echo {tests_file}", ["a"], "/tmp/my list", "posix")).toBe(
      "xargs -a '/tmp/my list' jest; echo '/tmp/my list'",
    );
  });
});

describe("planBatches", () => {
  const file = (i: number) => `/tmp/tests-${i}.txt`;
  const many = Array.from({ length: 5000 }, (_, i) => `packages/pkg-${i % 10}/test/case-${i}.test.ts`);

  it("runs nothing when nothing is selected", () => {
    expect(planBatches("npx vitest run {tests}", [], file, "posix")).toEqual([]);
  });

  it("runs one command when it fits", () => {
    expect(planBatches("npx vitest run {tests}", ["a.test.ts"], file, "posix")).toEqual([
      { command: "npx vitest run a.test.ts", tests: ["a.test.ts"] },
    ]);
  });

  it("never splits a {tests_file} command, however many tests", () => {
    const batches = planBatches("npx vitest run $(cat {tests_file})", many, file, "posix");
    expect(batches).toHaveLength(1);
    expect(batches[0]!.command).toBe("npx vitest run $(cat /tmp/tests-0.txt)");
  });

  it("splits thousands of tests into batches that each fit, in order, each test once", () => {
    const batches = planBatches("npx jest {tests} --ci", many, file, "posix");
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.command.length).toBeLessThanOrEqual(100_000);
    expect(batches.flatMap((b) => b.tests)).toEqual(many);
    expect(batches[1]!.command.startsWith("npx jest packages/")).toBe(true);
    expect(batches[1]!.command.endsWith(" --ci")).toBe(true);
  });

  it("fits cmd.exe's shorter limit and names each batch's own list file", () => {
    const batches = planBatches("npx jest {tests} --listFile {tests_file}", many.slice(0, 800), file, "cmd");
    expect(batches.length).toBeGreaterThan(3);
    for (const batch of batches) expect(batch.command.length).toBeLessThanOrEqual(8_000);
    expect(batches[2]!.command.endsWith("--listFile /tmp/tests-2.txt")).toBe(true);
  });
});
