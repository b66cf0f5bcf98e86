import type { Static } from "@sinclair/typebox";
import type { DecisionColumns } from "../../contract/decision-columns.js";
import type { Decision } from "../../contract/selection.js";
import { TestFeatures } from "../../contract/selection.js";
import type { TestColumns } from "../../contract/test-columns.js";
import type { SelectionRequestBody } from "../../selector/select/selection-request.js";
import { ServiceError } from "./service-error.js";

type Test = SelectionRequestBody["tests"][number];
type FeatureKey = keyof Test["features"];

const FEATURE_KEYS = Object.keys(TestFeatures.properties) as FeatureKey[];

/** The body with its tests as `test_columns` (contract/test-columns.ts), asking for the decisions as columns. */
export function compactBody<B extends SelectionRequestBody>(
  body: B,
): Omit<B, "tests"> & { test_columns: TestColumns; answer: "columns" } {
  const { tests, ...rest } = body;
  return { ...rest, test_columns: testColumns(tests), answer: "columns" };
}

/** `tests` column by column; what a test carries beside its path and features goes in `details`, by index. */
export function testColumns(tests: readonly Test[]): TestColumns {
  const features = Object.fromEntries(
    FEATURE_KEYS.map((key) => [key, tests.map((test) => test.features[key])]),
  ) as unknown as TestColumns["features"];
  const details: NonNullable<TestColumns["details"]> = [];
  tests.forEach((test, index) => {
    const { path: _path, features: _features, ...extra } = test;
    if (Object.keys(extra).length > 0) details.push({ index, ...extra });
  });
  return { path: tests.map((test) => test.path), features, ...(details.length > 0 ? { details } : {}) };
}

const badColumns = (message: string) =>
  new ServiceError("BAD_RESPONSE", `the SuperPlane service answered unexpected decision_columns: ${message}`);

/**
 * The decisions an answer carries: `decision_columns` turned back into one object a test, or
 * `decisions` as they came (a service that predates the columns ignores `answer` and sends those).
 * Columns that disagree in length, or a reason index past the table, are a bad answer.
 */
export function decisionsOf(answer: {
  decisions: Static<typeof Decision>[];
  decision_columns?: DecisionColumns | undefined;
}): Static<typeof Decision>[] {
  const columns = answer.decision_columns;
  if (!columns) return answer.decisions;
  const { test_path: paths, selected, confidence, reason_table: table, reasons } = columns;
  const n = paths.length;
  for (const [name, length] of [
    ["selected", selected.length],
    ["confidence", confidence.length],
    ["reasons", reasons.length],
  ] as const) {
    if (length !== n) throw badColumns(`${name} holds ${length} tests, test_path ${n}`);
  }
  const decisions = new Array<Static<typeof Decision>>(n);
  for (let i = 0; i < n; i++) {
    const refs = reasons[i]!;
    const texts = new Array<string>(refs.length);
    for (let r = 0; r < refs.length; r++) {
      const text = table[refs[r]!];
      if (text === undefined) {
        throw badColumns(`reasons[${i}][${r}] is ${refs[r]}, past reason_table's ${table.length} entries`);
      }
      texts[r] = text;
    }
    const flag = selected.charCodeAt(i);
    if (flag !== 48 && flag !== 49) throw badColumns(`selected[${i}] is "${selected[i]}", not "0" or "1"`);
    decisions[i] = {
      test_path: paths[i]!,
      selected: flag === 49,
      confidence: confidence[i]!,
      reasons: texts,
    };
  }
  return decisions;
}
