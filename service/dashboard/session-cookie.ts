import type { FastifyRequest } from "fastify";

export const SESSION_COOKIE = "superplane_session";
/** A working day: the browser forgets the token by then even if it restores session cookies. */
const MAX_AGE_S = 12 * 3600;

/** The session cookie's value, when the request carries one. */
export function sessionOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * HttpOnly: no script on the page can read the token, so an injection could not carry it away.
 * SameSite=Strict: no other site's page sends it. Secure whenever the service is reached over HTTPS.
 */
export function sessionCookie(token: string, secure: boolean): string {
  const flags = ["Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${MAX_AGE_S}`];
  if (secure) flags.push("Secure");
  return [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, ...flags].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  const flags = ["Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=0"];
  if (secure) flags.push("Secure");
  return [`${SESSION_COOKIE}=`, ...flags].join("; ");
}
