import { FormatRegistry, type TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";

// The formats our schemas use, as loose as ajv-formats, which checks them in the service (what it
// stored, the action must read back); TypeBox knows none itself.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt\s]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;
if (!FormatRegistry.Has("date")) FormatRegistry.Set("date", (value) => DATE.test(value));
if (!FormatRegistry.Has("date-time")) FormatRegistry.Set("date-time", (value) => DATE_TIME.test(value));

/** Where a value first departs from its schema. */
export interface Problem {
  /** The field, dotted (`records.0.files.0.blob`); empty for the value itself. */
  path: string;
  /**
   * The schema's own `errorMessage` when it has one, else TypeBox's (`Expected string`) and the
   * schema's description, which says what the value is (`git blob id of the version the test ran`).
   */
  message: string;
}

// Compiled once per schema: a check is then one generated function.
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/**
 * The first problem of `value` against `schema`, or undefined when it fits: files, event payloads
 * and the service's answers are checked with it where they come in. TypeCompiler rather than
 * `Value`: the smaller bundle.
 */
export function firstProblem(schema: TSchema, value: unknown): Problem | undefined {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return undefined;
  const first = check.Errors(value).First();
  if (!first) return { path: "", message: "does not fit its schema" };
  const { errorMessage, description } = first.schema as { errorMessage?: unknown; description?: unknown };
  const message =
    typeof errorMessage === "string"
      ? errorMessage
      : typeof description === "string"
        ? `${first.message} (${description})`
        : first.message;
  return { path: first.path.slice(1).replaceAll("/", "."), message };
}

/**
 * `value`, which fits `schema`, with only the object keys the schema names, as a parser would
 * give it: a payload or answer carries on with the fields we read, not whatever else came.
 * Objects and arrays are followed; anything else (unions among them) is kept whole.
 */
export function onlyKnown<T>(schema: TSchema, value: T): T {
  if (Array.isArray(value) && schema.type === "array") {
    return value.map((item) => onlyKnown(schema.items as TSchema, item)) as T;
  }
  if (value === null || typeof value !== "object" || schema.type !== "object" || !schema.properties) {
    return value;
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return value;
  const properties = schema.properties as Record<string, TSchema>;
  const known: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (Object.hasOwn(properties, key)) known[key] = onlyKnown(properties[key]!, field);
  }
  return known as T;
}
