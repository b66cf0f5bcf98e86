import { type Static, Type } from "@sinclair/typebox";
import { StringEnum } from "./common.js";

/**
 * How a selection's decisions are answered: `decisions`, an object per test (the default, what
 * every client before the compact form reads), or `columns`: `decision_columns`, with `decisions`
 * left empty.
 */
export const AnswerForm = StringEnum(["decisions", "columns"], {
  description:
    "`columns`: the decisions come as `decision_columns` (one array per field, each reason once) and " +
    "`decisions` is empty; half the bytes of `decisions` and half the time to write and read them. " +
    "Default `decisions`",
});
export type AnswerForm = Static<typeof AnswerForm>;

/**
 * The decisions column by column, as the service stores them: the i-th test's decision is the i-th
 * entry of every column, in the order `decisions` would have listed them.
 */
export const DecisionColumns = Type.Object(
  {
    test_path: Type.Array(Type.String()),
    selected: Type.String({ description: 'one character per test: "1" selected, "0" skipped' }),
    confidence: Type.Array(Type.Number()),
    reason_table: Type.Array(Type.String(), { description: "each distinct reason once" }),
    reasons: Type.Array(Type.Array(Type.Integer({ minimum: 0 })), {
      description: "each test's reasons, in order, as indexes into `reason_table`",
    }),
  },
  {
    description:
      'the decisions, column by column, when the request asked `answer: "columns"` (`decisions` is then empty)',
  },
);
export type DecisionColumns = Static<typeof DecisionColumns>;
