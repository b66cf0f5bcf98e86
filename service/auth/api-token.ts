import { createHash } from "node:crypto";
import { randomBase62 } from "../random-id.js";

export const TOKEN_PREFIX = "spl_tok_";
const TOKEN_SHAPE = /^spl_tok_[0-9A-Za-z]{32}$/;

/** A new token: the secret is shown once, only its hash is stored. */
export function mintToken(): { token: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBase62(32)}`;
  return { token, hash: hashToken(token) };
}

/** SHA-256 suffices: the token carries 190 random bits, so there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
