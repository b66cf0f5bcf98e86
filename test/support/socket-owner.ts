import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Which of `pids` holds the loopback TCP connection from `clientPort` to `serverPort`, read from
 * Linux's /proc: the connection's inode in /proc/net/tcp, then the process with a descriptor on it.
 * A receiver sees only a peer port; this names the process on the other end, so a test can kill
 * exactly the replica that has a request in flight.
 */
export function socketOwner(clientPort: number, serverPort: number, pids: readonly number[]): number {
  const port = (address: string) => Number.parseInt(address.split(":")[1]!, 16);
  const row = readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => port(fields[1] ?? "0:0") === clientPort && port(fields[2] ?? "0:0") === serverPort);
  if (!row) throw new Error(`no TCP connection from port ${clientPort} to ${serverPort} in /proc/net/tcp`);
  const socket = `socket:[${row[9]}]`;
  const owner = pids.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
      } catch {
        return false; // closed since the listing
      }
    }),
  );
  if (owner === undefined) throw new Error(`none of ${pids.join(", ")} holds ${socket}`);
  return owner;
}
