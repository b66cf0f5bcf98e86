import { errorResponses, IdParams } from "../../contract/common.js";
import {
  CreatedWebhook,
  CreateWebhookRequest,
  DeliveriesQuery,
  DeliveryList,
  WebhookList,
} from "../../contract/webhooks.js";
import { notFound } from "../api-error.js";
import { orgOf } from "../http/authenticate.js";
import { BEARER, type RouteDeps, type TypedApp } from "../http/typed-app.js";
import { newId, randomBase62 } from "../random-id.js";
import { checkWebhookTarget } from "../webhooks/webhook-target.js";

export function webhookRoutes(app: TypedApp, deps: RouteDeps): void {
  app.get(
    "/v1/webhooks",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Webhook endpoints (secrets are never shown again)",
        security: BEARER,
        response: { 200: WebhookList, ...errorResponses() },
      },
    },
    async (request) => ({ webhooks: await deps.storage.listWebhooks(orgOf(request)) }),
  );
  app.post(
    "/v1/webhooks",
    {
      schema: {
        tags: ["webhooks"],
        summary:
          'Add an endpoint; deliveries carry X-Superplane-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">',
        description: "A secret is generated when none is given. Private and loopback targets are refused.",
        security: BEARER,
        body: CreateWebhookRequest,
        response: { 201: CreatedWebhook, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const { url, events, secret } = request.body;
      await checkWebhookTarget(url, deps.resolveHost, deps.allowPrivateWebhooks);
      const webhook = { id: newId("wh"), url, events, created_at: deps.clock.now().toISOString() };
      const signing = secret ?? `whsec_${randomBase62(32)}`;
      await deps.storage.createWebhook(orgOf(request), webhook, signing);
      return reply.code(201).send({ ...webhook, secret: signing });
    },
  );
  app.delete(
    "/v1/webhooks/:id",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Remove an endpoint and its undelivered events",
        security: BEARER,
        params: IdParams,
        response: { 204: { type: "null", description: "removed" }, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deps.storage.deleteWebhook(orgOf(request), request.params.id))) {
        throw notFound("webhook", request.params.id);
      }
      return reply.code(204).send();
    },
  );
  app.get(
    "/v1/webhooks/:id/deliveries",
    {
      schema: {
        tags: ["webhooks"],
        summary: "An endpoint's deliveries, newest first, with every attempt",
        description:
          "A delivery is retried with exponential backoff for 24 hours after its event, then marked failed.",
        security: BEARER,
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryList, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { page, per_page, status } = request.query;
      const log = await deps.storage.deliveryLog(orgOf(request), request.params.id, {
        page,
        perPage: per_page,
        ...(status ? { status } : {}),
      });
      if (!log) throw notFound("webhook", request.params.id);
      const deliveries = log.deliveries.map((d) => ({ ...d, payload: JSON.parse(d.payload) as object }));
      return { deliveries, page, per_page, total: log.total };
    },
  );
}
