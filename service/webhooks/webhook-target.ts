import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { ApiError } from "../api-error.js";

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

const invalid = (message: string) => new ApiError("VALIDATION_FAILED", `body.url: ${message}`);

/**
 * Refuses targets inside the operator's network (SSRF): every address the name resolves to must
 * be public. The delivery worker checks again when it connects, as DNS answers can change.
 */
export async function checkWebhookTarget(raw: string, resolve: ResolveHost, allowPrivate: boolean) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("must be an http or https URL");
  if (url.username || url.password) throw invalid("must not carry credentials; use the signing secret");
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host.endsWith(".localhost")) throw invalid(`${host} is a loopback address`);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw invalid(`cannot resolve host ${host}`);
  }
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined || addresses.length === 0) {
    throw invalid(`${host} resolves to a private or loopback address (${blocked ?? "none"})`);
  }
}
