import { expectTypeOf, test } from "vitest";
import type { Size } from "../src/size";

test("two sizes", () => {
  expectTypeOf<Size>().toEqualTypeOf<"s" | "m">();
});
