import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import { LIMIT_KEYWORD } from "../../contract/limits.js";
import { wasValidated } from "./prevalidated.js";

// ajv-formats is CommonJS with a default export that NodeNext sees as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * `verbose` puts the failing schema node on the error (only when one fails), so a `maxItems` that
 * is a named count limit (`x-limit`, contract/limits.ts) is answered 413 naming it.
 */
function makeAjv(coerceTypes: boolean): Ajv {
  const options: Options = {
    coerceTypes,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    verbose: true,
  };
  const ajv = addFormats(new Ajv(options));
  ajv.addKeyword({ keyword: LIMIT_KEYWORD, schemaType: "string" });
  return ajv;
}

type Schema = Record<string, unknown>;

/**
 * A copy of a body schema whose objects drop unknown keys: `additionalProperties: false` wherever
 * the schema leaves it open, so ajv's `removeAdditional` strips them before a handler can store
 * them as columns. Branches of `anyOf`/`oneOf` stay as they are: ajv would strip one branch's keys
 * while trying it and then fail the branch that fits. An object that says `additionalProperties:
 * true` (a policy given as an object) keeps every key.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== "object") return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === "anyOf" || key === "oneOf") copy[key] = value;
    else if (key === "properties" && value && typeof value === "object") {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]));
    } else if (key === "items" || key === "allOf") copy[key] = closeObjects(value);
    else copy[key] = value;
  }
  const open = copy.additionalProperties === undefined && copy.patternProperties === undefined;
  if (copy.type === "object" && open) copy.additionalProperties = false;
  return copy;
}

/**
 * Bodies are checked strictly: `"threshold": "0.9"` is a client bug we report, not guess at. Query
 * strings and path parameters are text on the wire, so there numbers and booleans are coerced.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  return ({ schema, httpPart }) => {
    if (httpPart === "body") {
      const validate = strict.compile(closeObjects(schema) as object);
      // A body a worker validated with this same compiler passes as it is (prevalidated.ts).
      const checked = Object.assign(
        (data: unknown) => {
          if (wasValidated(data)) return true;
          const valid = validate(data);
          checked.errors = validate.errors;
          return valid;
        },
        { errors: validate.errors },
      );
      return checked as unknown as ReturnType<FastifySchemaCompiler<unknown>>;
    }
    return coercing.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}
