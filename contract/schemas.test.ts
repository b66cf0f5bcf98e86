import type { Static } from "@sinclair/typebox";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  CoverageRecord as SelectorCoverageRecord,
  CoverageVerdict as SelectorCoverageVerdict,
} from "../selector/coverage/types.js";
import type { TestFeatures as SelectorFeatures } from "../selector/model/features.js";
import type { TestEvidence } from "../selector/select/decide.js";
import type { SelectionResult as SelectorResult } from "../selector/select/types.js";
import type { CoverageRecord, CoverageVerdict } from "./coverage.js";
import { type SelectionRequest, type SelectionResult, TestFeatures } from "./selection.js";

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
    ]);
  });

  it("carry coverage exactly as the selector records and judges it", () => {
    expectTypeOf<CoverageRecord>().toEqualTypeOf<SelectorCoverageRecord>();
    expectTypeOf<CoverageVerdict>().toEqualTypeOf<SelectorCoverageVerdict>();
    type Test = SelectionRequest["tests"][number];
    expectTypeOf<NonNullable<Test["coverage"]>>().toEqualTypeOf<NonNullable<TestEvidence["coverage"]>>();
    expectTypeOf<Test["type_checked"]>().toEqualTypeOf<TestEvidence["typeChecked"]>();
    expectTypeOf<Test["coverage_blind"]>().toEqualTypeOf<TestEvidence["coverageBlind"]>();
  });
});
