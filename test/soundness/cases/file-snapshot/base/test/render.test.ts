import { expect, test } from "vitest";
import { render } from "../src/render.js";

test("renders as the file snapshot holds", async () => {
  await expect(render("Ada")).toMatchFileSnapshot("./__snapshots__/render.html");
});
