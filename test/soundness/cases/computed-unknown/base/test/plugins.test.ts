import { expect, it } from "vitest";
import { loadPlugin } from "../src/plugins";

it("loads a plugin chosen at run time", async () => {
  const plugin = await loadPlugin([".", "alpha.ts"].join("/"));
  expect(plugin.name).toBe("alpha");
});
