import type { Static } from "@sinclair/typebox";
import { describe, expectTypeOf, it } from "vitest";
import type { Repo } from "../../service/schemas/account.js";
import type { CoverageRecord } from "../../service/schemas/coverage.js";
import type { DurationList, DurationsStored } from "../../service/schemas/durations.js";
import type { ResultsResponse, RunDetail, RunList } from "../../service/schemas/runs.js";
import type { SelectionResponse, Decision as ServiceDecision } from "../../service/schemas/selection.js";
import type {
  CoverageQueryAnswer,
  Decision,
  DurationListAnswer,
  DurationsStoredAnswer,
  RepoAnswer,
  ResultsAnswer,
  RunAnswer,
  RunListAnswer,
  SelectionAnswer,
  TestResult,
} from "./wire.js";

// Types only: the action talks to the service over HTTP and bundles none of its code.
type Z<T extends { _output: unknown }> = T["_output"];
type Picked<T, S> = Pick<T, keyof S & keyof T>;

describe("the action's view of the wire", () => {
  it("matches the service's route schemas field for field", () => {
    expectTypeOf<Decision>().toEqualTypeOf<Static<typeof ServiceDecision>>();
    expectTypeOf<Picked<Repo, Z<typeof RepoAnswer>>>().toEqualTypeOf<Z<typeof RepoAnswer>>();
    expectTypeOf<Picked<SelectionResponse, Z<typeof SelectionAnswer>>>().toEqualTypeOf<
      Z<typeof SelectionAnswer>
    >();
    expectTypeOf<Picked<RunDetail, RunAnswer>>().toEqualTypeOf<RunAnswer>();
    expectTypeOf<Picked<Static<typeof ResultsResponse>, ResultsAnswer>>().toEqualTypeOf<ResultsAnswer>();
    expectTypeOf<TestResult>().toEqualTypeOf<RunDetail["results"][number]>();
    expectTypeOf<Z<typeof CoverageQueryAnswer>["records"][number]>().toEqualTypeOf<CoverageRecord>();
    expectTypeOf<Z<typeof DurationsStoredAnswer>>().toEqualTypeOf<Static<typeof DurationsStored>>();
    expectTypeOf<Z<typeof DurationListAnswer>>().toEqualTypeOf<Static<typeof DurationList>>();
    expectTypeOf<Pick<RunList["runs"][number], "id" | "mode">>().toEqualTypeOf<
      Pick<Z<typeof RunListAnswer>["runs"][number], "id" | "mode">
    >();
  });
});
