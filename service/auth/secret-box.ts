import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** The environment variable that holds the key: 32 bytes as 64 hex characters (`openssl rand -hex 32`). */
export const SECRET_KEY_VARIABLE = "SUPERPLANE_SECRET_KEY";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key that is not 64 hex characters, or a secret the key cannot open. */
export class SecretKeyError extends Error {
  override readonly name = "SecretKeyError";
}

/** The key from its hex text, or SecretKeyError naming the variable and how to make one. */
export function parseSecretKey(text: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(text.trim())) {
    throw new SecretKeyError(
      `${SECRET_KEY_VARIABLE} must be 64 hex characters (32 bytes; make one with: openssl rand -hex 32)`,
    );
  }
  return Buffer.from(text.trim(), "hex");
}

/**
 * Secrets at rest (repositories' GitHub tokens) under AES-256-GCM with the operator's key. Each
 * secret is bound to what it belongs to (`context`, a repository id) as associated data, so a
 * ciphertext copied onto another row does not open. Stored as `v1:<base64 iv|tag|ciphertext>`.
 */
export class SecretBox {
  private readonly key: Buffer;
  /** Names the key in logs and errors without revealing it. */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new SecretKeyError(`${SECRET_KEY_VARIABLE} must be 32 bytes`);
    this.key = key;
    this.keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
  }

  open(stored: string, context: string): string {
    const [version, body] = stored.split(":", 2);
    if (version !== VERSION || !body) throw new SecretKeyError("the stored secret is not in a known format");
    const raw = Buffer.from(body, "base64");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretKeyError("the stored secret is truncated");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new SecretKeyError(
        `${SECRET_KEY_VARIABLE} does not open the stored secret: it was sealed with another key (was the key changed?)`,
      );
    }
  }
}
