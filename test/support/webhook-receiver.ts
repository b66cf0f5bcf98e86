import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request: a status, or the response to hold and end later. */
export type Responder = (request: ReceivedRequest, response: ServerResponse) => number | "hold";

export interface TestReceiver {
  url: string;
  received: ReceivedRequest[];
  respond(responder: Responder): void;
  /** Resolves when `count` requests have arrived in all. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP endpoint on loopback that records what webhooks deliver to it. */
export async function startReceiver(): Promise<TestReceiver> {
  const received: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let responder: Responder = () => 204;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(entry);
      const status = responder(entry, response);
      if (status !== "hold") response.writeHead(status).end();
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respond(next) {
      responder = next;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
