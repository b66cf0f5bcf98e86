import { isIP } from "node:net";
import { UsageError } from "./exit-codes.js";

/** What Fastify's `trustProxy` takes: off, every peer, or the proxies' addresses. */
export type TrustProxy = boolean | string;

/** proxy-addr's names for the usual private ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

/**
 * `--trust-proxy` / SUPERPLANE_TRUST_PROXY: which peers may say who the client is in
 * X-Forwarded-For. Unset: none (a client could otherwise claim any address). A comma-separated list
 * trusts those addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`; `true` trusts every
 * peer. No hop counts: Fastify 5 refuses them, since a count cannot check who the peer is.
 */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  const entries = text.split(",").map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) {
    throw new UsageError(
      `--trust-proxy must be true, or addresses, CIDR ranges, loopback, linklocal or uniquelocal separated by commas (got ${JSON.stringify(wrong)})`,
    );
  }
  return entries.join(",");
}
