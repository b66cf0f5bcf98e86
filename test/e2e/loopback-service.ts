import { join } from "node:path";
import { mintToken } from "../../service/auth/api-token.js";
import { startServer } from "../../service/server.js";

export interface LoopbackService {
  /** The base URL the action takes as api-url, `/v1` included. */
  apiUrl: string;
  token: string;
  /** GET on the service's API with the token. */
  get<T>(path: string): Promise<T>;
  /** POST a JUnit report, as the sharded example's curl step does. */
  postJUnit<T>(path: string, xml: string): Promise<T>;
  close(): Promise<void>;
}

/** The real service, listening on 127.0.0.1 over a SQLite file in `dir`, with a read+write token. */
export async function startLoopbackService(dir: string): Promise<LoopbackService> {
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: join(dir, "service.db"),
    logger: false,
  });
  const now = new Date();
  const org = await server.storage.ensureOrganization("acme", now);
  const minted = mintToken();
  await server.storage.createToken(org.id, "read+write", minted.hash, now);
  const apiUrl = `${server.url}/v1`;
  return {
    apiUrl,
    token: minted.token,
    async get<T>(path: string): Promise<T> {
      const response = await fetch(`${apiUrl}${path}`, {
        headers: { authorization: `Bearer ${minted.token}` },
      });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async postJUnit<T>(path: string, xml: string): Promise<T> {
      const response = await fetch(`${apiUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${minted.token}`, "content-type": "application/xml" },
        body: xml,
      });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    close: () => server.close(),
  };
}

/** A loopback address where nothing listens: the service is down. */
export async function deadApiUrl(): Promise<string> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}/v1`;
}
