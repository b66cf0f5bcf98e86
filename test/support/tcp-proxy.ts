import { createConnection, createServer, type Socket } from "node:net";

export type ProxyMode = "forward" | "black-hole";

export interface TcpProxy {
  /** `127.0.0.1:<port>`, to put in a database URL. */
  address: string;
  port: number;
  /** `black-hole`: connections are accepted and every byte is swallowed, as a dead route does. */
  setMode(mode: ProxyMode): void;
  /** Drops every connection and stops listening: the port refuses, as a stopped database does. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `target` that a test can black-hole or stop, to fake database faults. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (mode === "black-hole") return client.resume();
    const upstream = createConnection(target);
    track(upstream);
    client.on("data", (chunk) => {
      if (mode === "forward") upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (mode === "forward") client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await listen(0);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    address: `127.0.0.1:${port}`,
    port,
    setMode(next) {
      mode = next;
    },
    stop,
    restart: () => listen(port),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
