import { startEventLoopDelay } from "../http/event-loop-delay.js";
import type { TypedApp } from "../http/typed-app.js";

/** The Prometheus text format's content type (exposition format 0.0.4). */
const PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

/**
 * `GET /metrics` for Prometheus: the event loop's delay since the previous scrape (one scraper per
 * process, as Prometheus scrapes each target). Needs no token: it tells nothing about any
 * organization, and scrapers rarely carry one.
 */
export function metricsRoutes(app: TypedApp): void {
  const delay = startEventLoopDelay();
  app.addHook("onClose", async () => delay.stop());
  app.get("/metrics", { config: { access: "public" }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(PROMETHEUS_TEXT).send(delay.take()),
  );
}
