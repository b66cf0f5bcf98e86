import type { Kysely } from "kysely";
import type { FailureStats } from "../../selector/model/history.js";
import type { Example } from "../../selector/model/train.js";
import type { TrainedModel } from "../../selector/model/trained-model.js";
import type { Database } from "./database-schema.js";
import type { LearningStorage, Rollback, RunLearning } from "./learning-storage.js";
import * as coChange from "./queries/co-change.js";
import * as flaky from "./queries/flaky.js";
import * as learning from "./queries/learning.js";

/** The learning loop's storage over the same Kysely database as the rest (see LearningStorage). */
export class KyselyLearning implements LearningStorage {
  constructor(private readonly db: Kysely<Database>) {}

  repoLearning = (orgId: string, repoId: string) => learning.repoLearning(this.db, orgId, repoId);
  coChange = (repoId: string, files: readonly string[]) => coChange.coChange(this.db, repoId, files);
  replaceCoChange = (
    orgId: string,
    repoId: string,
    stats: Parameters<typeof coChange.replaceCoChange>[3],
    commits: number,
    now: Date,
  ) =>
    this.db.transaction().execute((trx) => coChange.replaceCoChange(trx, orgId, repoId, stats, commits, now));

  recordRunLearning = (_orgId: string, row: RunLearning) => learning.recordRunLearning(this.db, row);
  claimRunForLearning = (orgId: string, runId: string) => learning.claimRunForLearning(this.db, orgId, runId);
  learnRun = (
    orgId: string,
    run: RunLearning,
    now: Date,
    fold: (stats: FailureStats) => { examples: Example[]; labelled: boolean; failures: number },
  ) => this.db.transaction().execute((trx) => learning.learnRun(trx, orgId, run, now, fold));
  trainingExamples = (repoId: string, runs: number) => learning.trainingExamples(this.db, repoId, runs);
  canaryRuns = (repoId: string, limit: number) => learning.canaryRuns(this.db, repoId, limit);

  addCandidate = (orgId: string, repoId: string, model: TrainedModel, now: Date, rejected?: string) =>
    this.db.transaction().execute((trx) => learning.addCandidate(trx, orgId, repoId, model, now, rejected));
  listModels = (orgId: string, repoId: string) => learning.listModels(this.db, orgId, repoId);
  promoteCandidate = (orgId: string, repoId: string, candidateId: string, now: Date) =>
    this.db.transaction().execute((trx) => learning.promoteCandidate(trx, orgId, repoId, candidateId, now));
  rejectCandidate = (orgId: string, repoId: string, candidateId: string, reason: string, now: Date) =>
    this.db
      .transaction()
      .execute((trx) => learning.rejectCandidate(trx, orgId, repoId, candidateId, reason, now));
  rollback = (orgId: string, repoId: string, what: Rollback, now: Date) =>
    this.db.transaction().execute((trx) => learning.rollback(trx, orgId, repoId, what, now));

  flakyPaths = (repoId: string) => flaky.flakyPaths(this.db, repoId);
  listFlaky = (orgId: string, repoId?: string) => flaky.listFlaky(this.db, orgId, repoId);
  quarantined = (runId: string) => flaky.quarantined(this.db, runId);
}
