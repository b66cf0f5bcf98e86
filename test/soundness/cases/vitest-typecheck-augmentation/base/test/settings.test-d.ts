import { expectTypeOf, test } from "vitest";
import type { Settings } from "../src/settings";

test("a region is a string", () => {
  expectTypeOf<Settings["region"]>().toEqualTypeOf<string>();
});
