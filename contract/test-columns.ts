import { type Static, type TArray, type TObject, type TProperties, Type } from "@sinclair/typebox";
import { AnswerForm } from "./decision-columns.js";
import { countLimit } from "./limits.js";
import { SelectionRequest, TestDetails, TestFeatures } from "./selection.js";

/** Each property of `properties` as a column: an array of its values, one a test. */
function columnsOf<P extends TProperties>(properties: P): TObject<{ [K in keyof P]: TArray<P[K]> }> {
  const columns: TProperties = {};
  for (const [key, schema] of Object.entries(properties)) {
    columns[key] = Type.Array(schema, countLimit("selection_tests"));
  }
  return Type.Object(columns) as TObject<{ [K in keyof P]: TArray<P[K]> }>;
}

/**
 * The tests of a selection column by column: what the action sends. A key list sent once instead
 * of seven keys a test, and seven arrays instead of 10,000 objects to parse: a 5,000-test body is
 * half the bytes and its parse a third of the time (docs/decisions.md, "The compact selection
 * wire format").
 */
export const TestColumns = Type.Object(
  {
    path: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), {
      ...countLimit("selection_tests", "each test's path; the i-th test is the i-th entry of every column"),
    }),
    features: columnsOf(TestFeatures.properties),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          index: Type.Integer({ minimum: 0, description: "the test's place in `path`" }),
          ...TestDetails,
        }),
        countLimit(
          "selection_tests",
          "what some tests carry beside path and features (graph_path, used_names, …), by index; at most one entry a test",
        ),
      ),
    ),
  },
  {
    description:
      "the tests as columns instead of `tests`: every feature column as long as `path`; send one of the two",
  },
);
export type TestColumns = Static<typeof TestColumns>;

/** The selection's fields on the wire, the tests in either form: `POST /v1/runs` takes them optional. */
export const SelectionFields = Type.Composite([
  Type.Omit(SelectionRequest, ["tests"]),
  Type.Object({
    tests: Type.Optional(SelectionRequest.properties.tests),
    test_columns: Type.Optional(TestColumns),
    answer: Type.Optional(AnswerForm),
  }),
]);

/**
 * The body of `POST /v1/selection` on the wire: the tests as objects (`tests`) or as columns
 * (`test_columns`), one of the two required (a body with neither is answered "body.tests: is
 * required", as before the columns), and the form of the answer. The service turns it into a
 * SelectionRequest (service/selection/test-columns.ts).
 */
export const SelectionBody = Type.Composite([SelectionFields], {
  anyOf: [{ required: ["tests"] }, { required: ["test_columns"] }],
});
export type SelectionBody = Static<typeof SelectionBody>;
