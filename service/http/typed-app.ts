import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { SecretBox } from "../auth/secret-box.js";
import type { Clock } from "../clock.js";
import type { Storage } from "../storage/storage.js";
import type { ResolveHost } from "../webhooks/webhook-target.js";
import type { BodyParsing } from "./body-parsing.js";

/** The app with TypeBox schemas typing each handler's request and reply. */
export type TypedApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What route handlers need from outside. */
export interface RouteDeps {
  storage: Storage;
  clock: Clock;
  allowPrivateWebhooks: boolean;
  resolveHost: ResolveHost;
  /** A `running` run that hears nothing for this long turns `incomplete` (routes/run-timeout.ts). */
  runTimeoutMs: number;
  /** A `queued` run that no action run adopts for this long turns `incomplete` (routes/run-timeout.ts). */
  queuedTimeoutMs: number;
  /** Large bodies parsed off the main thread (JUnit XML here; JSON in json-body.ts). */
  bodies: BodyParsing;
  /** Where people reach the service; absent: answers carry no `dashboard_url`. */
  publicUrl?: string;
  /** Seals repositories' GitHub tokens (SUPERPLANE_SECRET_KEY); absent: none can be stored. */
  secrets?: SecretBox;
}

/** A run's page on the dashboard, when the service knows its public URL. */
export function dashboardLink(deps: RouteDeps, runId: string): { dashboard_url?: string } {
  return deps.publicUrl ? { dashboard_url: `${deps.publicUrl}/runs/${encodeURIComponent(runId)}` } : {};
}

export const BEARER = [{ bearer: [] }];
