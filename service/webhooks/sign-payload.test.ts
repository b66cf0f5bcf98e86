import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./sign-payload.js";

describe("webhook signatures", () => {
  it("signs the body with HMAC-SHA256 under the secret, as hex after sha256=", () => {
    const body = '{"id":"whd_1","event":"run.passed"}';
    const hex = createHmac("sha256", "whsec_k").update(body).digest("hex");
    expect(signPayload("whsec_k", body)).toBe(`sha256=${hex}`);
    // A known vector, so a change of algorithm or encoding cannot pass unnoticed.
    expect(signPayload("key", "The quick brown fox jumps over the lazy dog")).toBe(
      "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
  });

  it("verifies only the exact body under the exact secret", () => {
    const body = '{"a":1}';
    const header = signPayload("s", body);
    expect(verifySignature("s", body, header)).toBe(true);
    expect(verifySignature("s", '{"a":2}', header)).toBe(false);
    expect(verifySignature("t", body, header)).toBe(false);
    expect(verifySignature("s", body, undefined)).toBe(false);
    expect(verifySignature("s", body, "sha256=00")).toBe(false);
  });
});
