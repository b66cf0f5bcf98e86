import type { Static } from "@sinclair/typebox";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { TestFeatures as SelectorFeatures } from "../../selector/model/features.js";
import type { SelectionResult as SelectorResult } from "../../selector/select/types.js";
import { type SelectionResult, TestFeatures } from "./selection.js";

describe("wire schemas", () => {
  it("match the selector's types, so the service answers exactly what the CLI prints", () => {
    expectTypeOf<SelectionResult>().toEqualTypeOf<SelectorResult>();
    expectTypeOf<Static<typeof TestFeatures>>().toEqualTypeOf<SelectorFeatures>();
    expect(Object.keys(TestFeatures.properties)).toEqual([
      "reachable",
      "distance",
      "symbolHit",
      "weakOnly",
      "changedFilesReaching",
      "maxFanIn",
      "typeTest",
      "mentionDepth",
    ]);
  });
});
