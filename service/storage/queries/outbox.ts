import type { Kysely } from "kysely";
import { newId } from "../../random-id.js";
import type { Database } from "../database-schema.js";
import { toWebhook } from "../row-mappers.js";
import type { Run, Webhook, WebhookEvent } from "../storage.js";

/** What a receiver gets for a run event. */
function runData(run: Run): Record<string, unknown> {
  return {
    run: {
      id: run.id,
      repo_id: run.repo_id,
      commit_sha: run.commit_sha,
      status: run.status,
      mode: run.mode,
      tests_selected: run.tests_selected,
      tests_total: run.tests_total,
      duration_ms: run.duration_ms,
      created_at: run.created_at,
      // Where it came from: a receiver can say "PR #42 on feature/x failed" and link the CI run.
      branch: run.branch,
      pull_request: run.pull_request,
      event: run.event,
      actor: run.actor,
      ci_run_url: run.ci_run_url,
    },
  };
}

/**
 * Queues one delivery per webhook subscribed to `event`, its payload `{ id, event, created_at,
 * data }` (the delivery id is also sent as a header). Called inside the transaction that made the
 * change, so an event exists exactly when its change was committed; the delivery worker sends it later.
 */
export async function enqueueEvent(
  db: Kysely<Database>,
  orgId: string,
  event: WebhookEvent,
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const hooks = await db
    .selectFrom("webhooks")
    .select(["id", "events"])
    .where("org_id", "=", orgId)
    .execute();
  const at = now.toISOString();
  const rows = hooks
    .filter((hook) => (JSON.parse(hook.events) as string[]).includes(event))
    .map((hook) => {
      const id = newId("whd");
      return {
        id,
        webhook_id: hook.id,
        event,
        payload: JSON.stringify({ id, event, created_at: at, data }),
        attempts: 0,
        next_attempt_at: at,
        delivered_at: null,
        locked_until: null,
        locked_by: null,
        last_error: null,
        failed_at: null,
        created_at: at,
      };
    });
  if (rows.length > 0) await db.insertInto("webhook_outbox").values(rows).execute();
}

export function enqueueRunEvent(
  db: Kysely<Database>,
  orgId: string,
  event: WebhookEvent,
  run: Run,
  now: Date,
): Promise<void> {
  return enqueueEvent(db, orgId, event, runData(run), now);
}

export async function createWebhook(db: Kysely<Database>, orgId: string, webhook: Webhook, secret: string) {
  await db
    .insertInto("webhooks")
    .values({ ...webhook, org_id: orgId, events: JSON.stringify(webhook.events), secret })
    .execute();
  return webhook;
}

export async function listWebhooks(db: Kysely<Database>, orgId: string): Promise<Webhook[]> {
  const rows = await db
    .selectFrom("webhooks")
    .select(["id", "org_id", "url", "events", "created_at"])
    .where("org_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toWebhook);
}

export async function deleteWebhook(db: Kysely<Database>, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("webhooks")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
