import { describe, expect, it } from "vitest";
import { type Item, managerRun } from "./package-manager-args.js";

const items = (line: string): Item[] =>
  line
    .split(" ")
    .map((word) =>
      word === "?" ? { found: { unknown: true }, text: "name" } : { found: { value: word }, text: word },
    );

/** What the arguments run, as `script name [dir] rest…`, `program …`, or `nothing`. */
function runOf(manager: string, line: string): string {
  const run = managerRun(manager, items(line));
  if (!run) return "nothing";
  if (run.kind === "program") return `program ${run.items.map((i) => i.text).join(" ")}`;
  const dir = run.dir ? ` [${run.dir.text}]` : "";
  return `script ${run.name ?? "?"}${dir}${run.rest.map((i) => ` ${i.text}`).join("")}`.trim();
}

describe("managerRun: what a package manager's arguments run", () => {
  it("reads npm's run, its lifecycle shorthands, its folder flag and what follows --", () => {
    expect(runOf("npm", "run --silent gen -- --out x")).toBe("script gen --out x");
    expect(runOf("npm", "run-script gen")).toBe("script gen");
    expect(runOf("npm", "t")).toBe("script test");
    expect(runOf("npm", "--prefix packages/web start")).toBe("script start [packages/web]");
    expect(runOf("npm", "exec -- tsx a.ts")).toBe("program tsx a.ts");
    expect(runOf("npm", "install")).toBe("nothing");
    expect(runOf("npm", "ci")).toBe("nothing");
  });

  it("reads yarn's and pnpm's bare script names, not their own commands", () => {
    expect(runOf("yarn", "gen --watch")).toBe("script gen --watch");
    expect(runOf("yarn", "--cwd app run build")).toBe("script build [app]");
    expect(runOf("yarn", "node scripts/x.js")).toBe("program node scripts/x.js");
    expect(runOf("yarn", "add left-pad")).toBe("nothing");
    expect(runOf("pnpm", "-C app test")).toBe("script test [app]");
    expect(runOf("pnpm", "dlx tsx a.ts")).toBe("program tsx a.ts");
    expect(runOf("pnpm", "install")).toBe("nothing");
  });

  it("cannot tell the script of a run-time name, a workspace or a filter", () => {
    expect(runOf("npm", "run ?")).toBe("script ?");
    expect(runOf("npm", "run -w app build")).toBe("script ?");
    expect(runOf("npm", "--workspace=app run build")).toBe("script ?");
    expect(runOf("pnpm", "--filter web build")).toBe("script ?");
    expect(runOf("yarn", "workspace web build")).toBe("script ?");
  });
});
