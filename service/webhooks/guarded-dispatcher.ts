import { type LookupAddress, type LookupAllOptions, lookup } from "node:dns";
import { isIP } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { isPrivateAddress } from "./webhook-target.js";

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** The error a refused connection fails with; its message ends up in the delivery's attempt log. */
export class PrivateTargetError extends Error {
  override readonly name = "PrivateTargetError";
  readonly code = "ERR_SUPERPLANE_PRIVATE_TARGET";
}

/**
 * A `lookup` for sockets that refuses names resolving to private or loopback addresses. It runs
 * when the socket connects, so the address checked is the address used: a DNS answer that changed
 * since the webhook was registered (DNS rebinding) cannot reach the operator's network.
 */
export function publicOnlyLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string; hints?: number },
  callback: LookupCallback,
): void {
  const all: LookupAllOptions = { ...options, family: Number(options.family ?? 0), all: true };
  lookup(hostname, all, (error, addresses) => {
    // The message reaches the organization's delivery log: it must not say what our DNS answered,
    // nor whether it knows the name.
    if (error || addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
      return callback(new PrivateTargetError(`${hostname} does not resolve to public addresses only`), []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Literal addresses never reach `lookup`, so they are checked before a request is made. */
export function refusedLiteral(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is a loopback address`;
  if (isIP(host) && isPrivateAddress(host)) return `${host} is a private or loopback address`;
  return undefined;
}

/** The HTTP client deliveries go through: public addresses only unless the operator allows more. */
export function webhookDispatcher(allowPrivate: boolean): Dispatcher {
  return new Agent({
    connections: 16,
    // Receivers behind balancers drop idle sockets; keeping them briefly still saves handshakes.
    keepAliveTimeout: 4_000,
    ...(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } }),
  });
}
