import { type Static, Type } from "@sinclair/typebox";
import { Nullable, StringEnum, Timestamp } from "./common.js";

/** `PUT /v1/repos/{id}/dispatch`: how the service starts the repository's workflow for a queued run. */
export const DispatchSettingsRequest = Type.Object({
  workflow: Type.String({
    minLength: 1,
    maxLength: 256,
    pattern: "^([A-Za-z0-9_.-]+\\.ya?ml|[0-9]+)$",
    description: "the workflow's file name in .github/workflows (superplane.yml) or its numeric id",
  }),
  ref: Type.String({
    minLength: 1,
    maxLength: 256,
    pattern: "^[^\\s~^:?*\\[\\\\]+$",
    description: "the branch or tag the workflow runs on (GitHub's dispatch takes no commit sha)",
  }),
  github_token: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 1024,
      pattern: "^\\S+$",
      writeOnly: true,
      description:
        "a GitHub token with Actions: write on the repository; stored encrypted and never shown again. Leave it out to keep the stored one",
    }),
  ),
});
export type DispatchSettingsRequest = Static<typeof DispatchSettingsRequest>;

export const DispatchSettings = Type.Object({
  repo_id: Type.String(),
  workflow: Type.String(),
  ref: Type.String(),
  github_token_set: Type.Literal(true, { description: "a token is stored; it is never shown" }),
  updated_at: Timestamp,
});
export type DispatchSettings = Static<typeof DispatchSettings>;

export const RunDispatch = Type.Object(
  {
    status: StringEnum(["pending", "dispatched", "failed", "skipped"], {
      description:
        "pending: being sent (or waiting to be retried); dispatched: GitHub took it, the run stays queued until the action run adopts it; failed: GitHub refused it or retries ran out (last_error says why); skipped: not needed any more, an action run adopted the run first or the run expired queued (last_error says which)",
    }),
    attempts: Type.Integer(),
    last_error: Nullable(
      Type.String({ description: "what GitHub (or the network) said to the last failed attempt" }),
    ),
    next_attempt_at: Nullable(Timestamp),
    finished_at: Nullable(Timestamp),
  },
  { description: "present on a run queued through the API for a repository with dispatch settings" },
);
export type RunDispatch = Static<typeof RunDispatch>;
