import { FormatRegistry, type TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";

// The contract's formats (ajv-formats checks them in the service); TypeBox knows none by itself.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has("date")) FormatRegistry.Set("date", (value) => DATE.test(value));
if (!FormatRegistry.Has("date-time")) FormatRegistry.Set("date-time", (value) => DATE_TIME.test(value));

// Compiled once per schema: a check is then one generated function.
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/**
 * Where `value` departs from `schema`, as `field.path: what was expected` (`body` for the whole
 * answer), or undefined when it fits. TypeCompiler rather than `Value`: the smaller bundle.
 */
export function answerProblem(schema: TSchema, value: unknown): string | undefined {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return undefined;
  const first = check.Errors(value).First();
  const where = first?.path.slice(1).replaceAll("/", ".") || "body";
  return `${where}: ${first?.message ?? "does not fit"}`;
}
