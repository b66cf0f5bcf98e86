import { join } from "node:path";
import { Type } from "@sinclair/typebox";
import { readStateFile, writeStateFile } from "./state-file.js";

export const UPLOADS_FILE = "uploads.json";

/** When the local state was handed to a service, and what it held. */
export interface Upload {
  at: string;
  durations: number;
  coverage: number;
}

const UploadsFile = Type.Object({
  version: Type.Literal(1),
  services: Type.Record(
    Type.String(),
    Type.Object({ at: Type.String(), durations: Type.Integer(), coverage: Type.Integer() }),
  ),
});

/**
 * Which services (by URL) already received the local state: it goes to each once, when a team
 * that started without a service adds one. A lost or corrupt mark only means one more upload,
 * which replaces records by test and so changes nothing.
 */
async function uploads(dir: string): Promise<Record<string, Upload>> {
  const empty = () => ({ version: 1 as const, services: {} as Record<string, Upload> });
  return (await readStateFile(join(dir, UPLOADS_FILE), UploadsFile, empty)).value.services;
}

export async function uploadedTo(dir: string, service: string): Promise<Upload | undefined> {
  return (await uploads(dir))[service];
}

export async function markUploaded(dir: string, service: string, upload: Upload): Promise<void> {
  const services = { ...(await uploads(dir)), [service]: upload };
  await writeStateFile(join(dir, UPLOADS_FILE), { version: 1, services });
}
