import type SqliteDatabase from "better-sqlite3";
import { type Kysely, Migrator, sql } from "kysely";
import type { CoverageStorage } from "./coverage-storage.js";
import type { Database } from "./database-schema.js";
import { encodeRunDecisions } from "./decision-record.js";
import { DispatchStorage } from "./dispatch-storage.js";
import { DurationStorage } from "./duration-storage.js";
import { IdempotencyStorage } from "./idempotency-storage.js";
import { InsightsStorage } from "./insights-storage.js";
import { KyselyCoverage } from "./kysely-coverage.js";
import { KyselyLearning } from "./kysely-learning.js";
import type { LearningStorage } from "./learning-storage.js";
import { migrateDespiteListingRaces } from "./migration-race.js";
import { migrationProvider } from "./migrations.js";
import { type DatabaseOptions, isPostgresUrl, openDatabase } from "./open-database.js";
import * as deliveries from "./queries/deliveries.js";
import { deliveryLog } from "./queries/delivery-log.js";
import { enqueueDispatch } from "./queries/dispatches.js";
import * as orgs from "./queries/organizations.js";
import * as outbox from "./queries/outbox.js";
import { hitSlidingWindow, type SlidingCounts } from "./queries/rate-limits.js";
import * as repos from "./queries/repos.js";
import * as results from "./queries/results.js";
import { recordRunSavings } from "./queries/run-savings.js";
import * as runs from "./queries/runs.js";
import { usage } from "./queries/usage.js";
import { addDeltas, addUsage, runUsage } from "./queries/usage-counters.js";
import type {
  DeliveryAttempt,
  DeliveryOutcome,
  DeliveryPage,
  NewRun,
  ReportOptions,
  Storage,
  StoredDecision,
  TestResult,
  TokenScope,
} from "./storage.js";

/** Another shard's run holds the shard group: the insert was a no-op, the transaction is undone. */
class JoinShardGroup extends Error {}

/** The one Storage implementation: Kysely compiles the same queries for SQLite and PostgreSQL. */
class KyselyStorage implements Storage {
  constructor(
    private readonly db: Kysely<Database>,
    readonly engine: "sqlite" | "postgres",
  ) {}

  /** The learning loop's tables (models, co-change, flakiness) over the same database. */
  get learning(): LearningStorage {
    return new KyselyLearning(this.db);
  }

  /** The latest coverage record of each test, over the same database. */
  get coverage(): CoverageStorage {
    return new KyselyCoverage(this.db);
  }

  /** Durations uploaded from local state, over the same database. */
  get durations(): DurationStorage {
    return new DurationStorage(this.db);
  }

  /** workflow_dispatch settings and outbox, over the same database. */
  get dispatch(): DispatchStorage {
    return new DispatchStorage(this.db, this.engine);
  }

  /** `Idempotency-Key` records, over the same database. */
  get idempotency(): IdempotencyStorage {
    return new IdempotencyStorage(this.db);
  }

  /** The dashboard's reads, over the same database. */
  get insights(): InsightsStorage {
    return new InsightsStorage(this.db);
  }

  ensureOrganization = (name: string, now: Date) => orgs.ensureOrganization(this.db, name, now);
  getOrganization = (orgId: string) => orgs.getOrganization(this.db, orgId);
  createOrganizationWithToken(
    name: string,
    token: { scope: TokenScope; hash: string; expiresAt?: Date },
    now: Date,
  ) {
    // One transaction: a failure never leaves an organization without the token that reaches it.
    return this.db.transaction().execute(async (trx) => {
      const org = await orgs.createOrganization(trx, name, now);
      if (!org) return undefined;
      const record = await orgs.createToken(trx, org.id, token.scope, token.hash, now, token.expiresAt);
      return { org, token: record };
    });
  }
  createToken = (orgId: string, scope: "read" | "read+write", hash: string, now: Date, expiresAt?: Date) =>
    orgs.createToken(this.db, orgId, scope, hash, now, expiresAt);
  findToken = (hash: string) => orgs.findToken(this.db, hash);
  touchToken = (id: string, now: Date) => orgs.touchToken(this.db, id, now);
  revokeToken = (orgId: string, id: string, now: Date) => orgs.revokeToken(this.db, orgId, id, now);

  connectRepo = (orgId: string, name: string, now: Date) => repos.connectRepo(this.db, orgId, name, now);
  getRepo = (orgId: string, id: string) => repos.getRepo(this.db, orgId, id);
  listRepos = (orgId: string) => repos.listRepos(this.db, orgId);

  async createRun(orgId: string, run: NewRun, decisions: StoredDecision[]) {
    const { adopt_queued: adopt, dispatch, ...row } = run;
    // Encoded before the transaction, a slice at a time: the connection is not held meanwhile,
    // and neither is the event loop.
    const encoded = decisions.length > 0 ? await encodeRunDecisions(decisions) : undefined;
    const record = encoded?.parts;
    let stored: NewRun;
    try {
      stored = await this.db.transaction().execute(async (trx) => {
        // A run queued through the API for this commit becomes this one: same id, first created_at.
        const queued = adopt ? await runs.takeQueuedRun(trx, this.engine, orgId, row, adopt) : undefined;
        const adopted = queued ? { ...row, id: queued.id, created_at: queued.created_at } : row;
        const inserted = await runs.insertRun(trx, orgId, adopted, record);
        // Undone, so a queued run taken above stays queued for the shard that stored the run.
        if (!inserted) throw new JoinShardGroup();
        // Priced now at the durations known now, and again when its results come: a run that selected
        // nothing, or whose job only selects, may never report, and its skips still saved time.
        const skipped = decisions.filter((d) => !d.selected).map((d) => d.test_path);
        const saved = await recordRunSavings(trx, runs.toRunOf(adopted), skipped);
        // In the run's transaction: a queued run is dispatched exactly when it was stored.
        if (dispatch) await enqueueDispatch(trx, orgId, adopted);
        // The adopted run's month is the queued run's: one update takes it back and counts this one.
        const counted = addDeltas(runUsage(adopted, 1), saved);
        await addUsage(trx, orgId, adopted.created_at, queued ? addDeltas(counted, queued.usage) : counted);
        return adopted;
      });
    } catch (error) {
      if (!(error instanceof JoinShardGroup) || !row.shard_group) throw error;
      // Another shard of the same CI job stored it first: this shard joins that run.
      const joined = await runs.findShardGroup(this.db, orgId, row.repo_id, row.shard_group);
      if (!joined) throw error;
      return { ...joined, joined: true as const };
    }
    const columns = encoded?.columns ? { decisionColumns: encoded.columns } : {};
    return { ...runs.toRunOf(stored), decisions, results: [], shards_reported: [], ...columns };
  }
  findShardGroup = (orgId: string, repoId: string, group: string) =>
    runs.findShardGroup(this.db, orgId, repoId, group);
  expireRuns = (orgId: string, before: { running: Date; queued: Date }, now: Date) =>
    this.db.transaction().execute((trx) => runs.expireRuns(trx, orgId, before, now));
  getRun = (orgId: string, id: string) => runs.getRunDetail(this.db, orgId, id);
  listRuns = (orgId: string, filter: Parameters<Storage["listRuns"]>[1]) =>
    runs.listRuns(this.db, orgId, filter);

  async recordResults(orgId: string, runId: string, list: TestResult[], now: Date, report?: ReportOptions) {
    const run = await this.db.transaction().execute(async (trx) => {
      const recorded = await results.recordResults(trx, orgId, runId, list, now, report);
      if (recorded) await addUsage(trx, orgId, recorded.created_at, await recordRunSavings(trx, recorded));
      return recorded;
    });
    return run ? runs.getRunDetail(this.db, orgId, runId) : undefined;
  }
  recordRunDuration = (orgId: string, runId: string, wallMs: number) =>
    results.recordRunDuration(this.db, orgId, runId, wallMs);
  usage = (orgId: string, periodStart: Date) => usage(this.db, orgId, periodStart);

  createWebhook = (orgId: string, webhook: Parameters<Storage["createWebhook"]>[1], secret: string) =>
    outbox.createWebhook(this.db, orgId, webhook, secret);
  listWebhooks = (orgId: string) => outbox.listWebhooks(this.db, orgId);
  deleteWebhook = (orgId: string, id: string) => outbox.deleteWebhook(this.db, orgId, id);
  deliveryLog = (orgId: string, webhookId: string, page: DeliveryPage) =>
    deliveryLog(this.db, orgId, webhookId, page);
  claimDeliveries = (owner: string, now: Date, leaseMs: number, limit: number) =>
    deliveries.claimDeliveries(this.db, this.engine, { owner, now, leaseMs, limit });
  finishDelivery = (owner: string, id: string, attempt: DeliveryAttempt, outcome: DeliveryOutcome) =>
    this.db.transaction().execute((trx) => deliveries.finishDelivery(trx, owner, id, attempt, outcome));
  releaseDeliveries = (owner: string) => deliveries.releaseDeliveries(this.db, owner);
  hitSlidingWindow = (
    key: string,
    windowStart: Date,
    previousStart: Date,
    fits: (counts: SlidingCounts) => boolean,
  ) => hitSlidingWindow(this.db, key, windowStart, previousStart, fits);

  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the database did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    // The query is left to finish or fail on its own: a pool waiting on a black-holed host
    // cannot be interrupted, but the caller must not wait for it.
    const query = sql`select 1`.execute(this.db);
    query.catch(() => {});
    try {
      await Promise.race([query, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  close = () => this.db.destroy();
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? "public";
}

/**
 * Brings the schema up to date and returns the names of the migrations it applied (none when it
 * was current). Replicas starting together serialise on the migrator's lock (a PostgreSQL advisory
 * lock; SQLite's write lock): the first applies each migration once, the others then find nothing to do.
 */
export async function migrate(
  db: Kysely<Database>,
  engine: "sqlite" | "postgres",
  sqlite?: SqliteDatabase.Database,
): Promise<string[]> {
  // Kysely neither locks nor wraps migrations in a transaction on SQLite, so two processes
  // starting on one new file would both create the tables. BEGIN IMMEDIATE takes the write lock
  // first (the other waits up to busy_timeout) and makes the whole upgrade one transaction.
  if (sqlite) return inImmediateTransaction(sqlite, () => migrateWith(db, engine));
  return migrateWith(db, engine);
}

async function inImmediateTransaction<T>(
  sqlite: SqliteDatabase.Database,
  work: () => Promise<T>,
): Promise<T> {
  sqlite.exec("begin immediate");
  try {
    const result = await work();
    sqlite.exec("commit");
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("rollback");
    throw error;
  }
}

async function migrateWith(db: Kysely<Database>, engine: "sqlite" | "postgres"): Promise<string[]> {
  // Without a schema the migrator would find another schema's migration table and skip ours.
  const schema = engine === "postgres" ? await currentSchema(db) : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Features land in any order (0007 after 0011 was applied): each migration touches only its
    // own tables and columns, so one that sorts before the newest applied one is applied, not refused.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrateDespiteListingRaces(engine, () => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** `superplane migrate`: the schema brought up to date as a release step, without serving. */
export async function migrateDatabase(options: DatabaseOptions): Promise<string[]> {
  const { db, engine, sqlite } = openDatabase(options);
  try {
    return await migrate(db, engine, sqlite);
  } finally {
    await db.destroy();
  }
}

/** Opens the database named by `options.url`, migrates it, and returns the storage over it. */
export async function openStorage(options: DatabaseOptions): Promise<Storage> {
  // On PostgreSQL, migrations (and the wait for another replica's) run without the statement
  // timeout that guards requests: a long upgrade must not fail half-way.
  if (isPostgresUrl(options.url))
    await migrateDatabase({ ...options, statementTimeoutMs: 0, readTimeoutMs: 0, poolSize: 1 });
  const { db, engine, sqlite } = openDatabase(options);
  try {
    if (engine === "sqlite") await migrate(db, engine, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStorage(db, engine);
}
