import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSecretKey, SecretBox, SecretKeyError } from "./secret-box.js";

const box = () => new SecretBox(randomBytes(32));

describe("secret box", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const secrets = box();
    const sealed = secrets.seal("ghp_secret", "repo_1");
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(sealed.slice(3), "base64").toString("latin1")).not.toContain("ghp_secret");
    expect(secrets.open(sealed, "repo_1")).toBe("ghp_secret");
    // A fresh IV each time: the same token twice is stored as two different texts.
    expect(secrets.seal("ghp_secret", "repo_1")).not.toBe(sealed);
  });

  it("refuses another key, another row, and a tampered text, saying which variable to check", () => {
    const secrets = box();
    const sealed = secrets.seal("ghp_secret", "repo_1");
    expect(() => box().open(sealed, "repo_1")).toThrow(
      "SUPERPLANE_SECRET_KEY does not open the stored secret: it was sealed with another key (was the key changed?)",
    );
    expect(() => secrets.open(sealed, "repo_2")).toThrow(SecretKeyError);
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => secrets.open(`v1:${bytes.toString("base64")}`, "repo_1")).toThrow(SecretKeyError);
    expect(() => secrets.open("v2:abc", "repo_1")).toThrow("not in a known format");
  });

  it("takes a key of 64 hex characters only, and says how to make one", () => {
    const hex = randomBytes(32).toString("hex");
    expect(parseSecretKey(hex)).toEqual(Buffer.from(hex, "hex"));
    for (const bad of ["", "short", "z".repeat(64), hex.slice(2)]) {
      expect(() => parseSecretKey(bad)).toThrow(
        "SUPERPLANE_SECRET_KEY must be 64 hex characters (32 bytes; make one with: openssl rand -hex 32)",
      );
    }
  });

  it("names its key by a fingerprint that differs between keys", () => {
    const key = randomBytes(32);
    expect(new SecretBox(key).keyId).toBe(new SecretBox(Buffer.from(key)).keyId);
    expect(new SecretBox(key).keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(new SecretBox(randomBytes(32)).keyId).not.toBe(new SecretBox(key).keyId);
  });
});
