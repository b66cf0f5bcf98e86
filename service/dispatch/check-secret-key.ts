import { type SecretBox, SecretKeyError } from "../auth/secret-box.js";
import type { Storage } from "../storage/storage.js";

/**
 * At start-up: GitHub tokens are stored but the key that opens them is missing or another one.
 * Found now, the operator reads one line at start-up instead of every dispatch failing later.
 */
export async function checkSecretKey(storage: Storage, secrets: SecretBox | undefined): Promise<void> {
  const sample = await storage.dispatch.sealedTokenSample();
  if (!sample) return;
  if (!secrets) {
    throw new SecretKeyError(
      "repositories have GitHub tokens stored for workflow dispatch, but SUPERPLANE_SECRET_KEY is not set: start the service with the key they were stored with",
    );
  }
  secrets.open(sample.token_sealed, sample.repo_id);
}
