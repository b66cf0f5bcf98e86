import { type Static, Type } from "@sinclair/typebox";
import { Nullable, StringEnum, Timestamp } from "./common.js";

export const Health = Type.Object({ status: Type.Literal("ok") });

export const Repo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(["connected", "disconnected"]),
  policy_path: Type.String(),
  created_at: Timestamp,
});
export type Repo = Static<typeof Repo>;

export const RepoList = Type.Object({ repos: Type.Array(Repo) });

export const ConnectRepoRequest = Type.Object({
  name: Type.String({ pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", maxLength: 200 }),
});
export type ConnectRepoRequest = Static<typeof ConnectRepoRequest>;

export const Organization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  plan: Type.String(),
  seats: Type.Integer(),
  repos: Type.Integer({ description: "connected repositories" }),
  usage: Type.Object({
    period_start: Timestamp,
    period_end: Timestamp,
    runs: Type.Integer(),
    selections: Type.Integer({ description: "runs in selective mode" }),
    tests_skipped: Type.Integer(),
    minutes_saved: Type.Number({
      description:
        "the skipped test files at their newest measured file durations (reported results and uploads), added up",
    }),
    tests_skipped_unmeasured: Type.Integer({
      description: "skips of test files never measured: not priced in minutes_saved",
    }),
  }),
});
export type Organization = Static<typeof Organization>;

export const TokenScope = StringEnum(["read", "read+write"]);

/** Longest lifetime a token may be given: ten years. */
export const MAX_TOKEN_DAYS = 3650;

/** A token's lifetime in days, up to MAX_TOKEN_DAYS; absent, the token lives until revoked. */
const ExpiresInDays = (description: string) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS, description }));

export const CreateTokenRequest = Type.Object({
  scope: TokenScope,
  expires_in_days: ExpiresInDays(
    "the token answers 401 UNAUTHORIZED after this many days; absent: until revoked",
  ),
});
export type CreateTokenRequest = Static<typeof CreateTokenRequest>;

export const CreatedToken = Type.Object({
  id: Type.String(),
  token: Type.String({ description: "shown once; only its hash is stored" }),
  scope: TokenScope,
  created_at: Timestamp,
  expires_at: Nullable(Timestamp),
});
export type CreatedToken = Static<typeof CreatedToken>;

export const Ready = Type.Object({ status: Type.Literal("ready") });

export const CreateOrgRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: "^\\S(.*\\S)?$" }),
  token_scope: Type.Optional(TokenScope),
  expires_in_days: ExpiresInDays("the first token stops working after this many days; absent: until revoked"),
});
export type CreateOrgRequest = Static<typeof CreateOrgRequest>;

export const CreatedOrg = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created_at: Timestamp,
  token: CreatedToken,
});
export type CreatedOrg = Static<typeof CreatedOrg>;
