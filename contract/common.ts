import { Kind, type Static, type TSchema, Type, TypeRegistry } from "@sinclair/typebox";
import { ERROR_CODES } from "./error-codes.js";

/**
 * `enum` rather than TypeBox's anyOf of constants: one clear error naming the allowed values. Its
 * own kind, registered below, so TypeBox's checks (the action's) know it as ajv (the service's) does.
 */
export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) => Type.Unsafe<T[number]>({ [Kind]: "StringEnum", type: "string", enum: [...values], ...options });

if (!TypeRegistry.Has("StringEnum")) {
  TypeRegistry.Set<{ enum: string[] }>(
    "StringEnum",
    (schema, value) => typeof value === "string" && schema.enum.includes(value),
  );
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(ERROR_CODES),
      message: Type.String(),
      request_id: Type.String(),
      limit: Type.Optional(
        Type.Object(
          { name: Type.String(), max: Type.Integer() },
          { description: "the count limit the body went past (413): its name and value" },
        ),
      ),
    }),
  },
  { description: "Every error, whatever the status" },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** The error statuses a route can answer, for its OpenAPI entry and serialisation. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBody> {
  const all = [400, 401, 429, 500, ...statuses];
  return Object.fromEntries(all.map((status) => [status, ErrorBody]));
}

/** The largest count or duration an integer column holds (PostgreSQL `integer`). */
export const MAX_INT32 = 2_147_483_647;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type IdParams = Static<typeof IdParams>;

export const Timestamp = Type.String({ format: "date-time" });

/** A path relative to the repository root, POSIX separators. */
export const RepoPath = Type.String({ minLength: 1, maxLength: 1024 });

/** A commit id, abbreviated or whole (SHA-1 or SHA-256). */
export const Sha = Type.String({ pattern: "^[0-9a-f]{7,64}$" });

/** The query of a list answered a page at a time. */
export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  per_page: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

/** Beside a page of a list: which page, its size, and how many the whole list holds. */
export const PageOf = { page: Type.Integer(), per_page: Type.Integer(), total: Type.Integer() };
