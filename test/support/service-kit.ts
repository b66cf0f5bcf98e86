import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type AppOptions, buildApp } from "../../service/app.js";
import { mintToken } from "../../service/auth/api-token.js";
import type { Clock } from "../../service/clock.js";
import { openStorage } from "../../service/storage/kysely-storage.js";
import type { Storage, TokenScope } from "../../service/storage/storage.js";

/** A clock tests move by hand, so every timestamp in an answer is known in advance. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const START = new Date("2025-03-10T12:00:00.000Z");

export interface Kit {
  app: FastifyInstance;
  storage: Storage;
  clock: ManualClock;
  /** read+write, read, and read+write of a second organization. */
  tokens: { write: string; read: string; other: string };
  orgId: string;
  otherOrgId: string;
  repoId: string;
  call(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

async function token(storage: Storage, orgId: string, scope: TokenScope): Promise<string> {
  const minted = mintToken();
  await storage.createToken(orgId, scope, minted.hash, START);
  return minted.token;
}

/** An app on in-memory SQLite with two organizations, their tokens and one repository. */
export async function makeKit(options: Partial<AppOptions> = {}): Promise<Kit> {
  const storage = await openStorage({ url: ":memory:" });
  const clock = new ManualClock(START);
  const org = await storage.ensureOrganization("acme", START);
  const other = await storage.ensureOrganization("globex", START);
  const repo = await storage.connectRepo(org.id, "acme/web", START);
  const tokens = {
    write: await token(storage, org.id, "read+write"),
    read: await token(storage, org.id, "read"),
    other: await token(storage, other.id, "read+write"),
  };
  const app = await buildApp({ storage, clock, ...options });
  return {
    app,
    storage,
    clock,
    tokens,
    orgId: org.id,
    otherOrgId: other.id,
    repoId: repo.id,
    call: (bearer, request) =>
      app.inject({ ...request, headers: { authorization: `Bearer ${bearer}`, ...request.headers } }),
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

export const SHA = "a".repeat(40);

const features = (reachable: boolean, distance: number, symbolHit: boolean) => ({
  reachable,
  distance,
  symbolHit,
  weakOnly: false,
  changedFilesReaching: reachable ? 1 : 0,
  maxFanIn: reachable ? 1 : 0,
  typeTest: false,
});

/** Two tests: one imports the changed file, one is unrelated. */
export function selectionBody(repoId: string, extra: Record<string, unknown> = {}) {
  return {
    repo_id: repoId,
    commit_sha: SHA,
    changed_files: [
      { path: "src/math.ts", status: "modified" },
      { path: "test/old.test.ts", status: "deleted" },
    ],
    tests: [
      {
        path: "test/math.test.ts",
        features: features(true, 1, true),
        graph_path: ["src/math.ts", "test/math.test.ts"],
        used_names: ["add"],
      },
      { path: "test/text.test.ts", features: features(false, 0, false) },
    ],
    ...extra,
  };
}
