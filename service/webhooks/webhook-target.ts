import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { ApiError } from "../api-error.js";

/** Loopback, private, link-local, carrier-grade NAT, documentation, multicast and reserved ranges. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  // Discard-only, Teredo (tunnels to an IPv4 the address hides), documentation, local-use NAT64.
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["64:ff9b:1::", 48],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

/** The 16 bytes of a valid IPv6 address (a trailing dotted IPv4 included). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const groups = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const words = [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

const v4 = (bytes: number[]) => bytes.join(".");

/**
 * The IPv4 address an IPv6 one carries and reaches, where a gateway or the host's own stack would
 * route to it: IPv4-compatible `::a.b.c.d`, mapped `::ffff:a.b.c.d`, translated `::ffff:0:a.b.c.d`,
 * NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`.
 */
export function embeddedIpv4(address: string): string | undefined {
  const bytes = ipv6Bytes(address);
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(bytes.slice(2, 6));
  const last = v4(bytes.slice(12));
  const prefix = bytes.slice(0, 12);
  if (zeros(0, 12) && !zeros(12, 16)) return last;
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return last;
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return last;
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  if (prefix.every((b, i) => b === nat64[i])) return last;
  return undefined;
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (PRIVATE.check(address, "ipv6")) return true;
  const inner = embeddedIpv4(address);
  return inner !== undefined && PRIVATE.check(inner, "ipv4");
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
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw invalid(`${host} is a private or loopback address`);
    return;
  }
  // One answer for a name that does not resolve and one that resolves privately: which names the
  // service's DNS knows, and where they point, is not the caller's to learn.
  const refused = invalid(`${host} must resolve to public addresses only`);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw refused;
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) throw refused;
}
