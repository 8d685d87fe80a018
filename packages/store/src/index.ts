export {
  type AssessmentRecordCounts,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadPushDownReports,
  saveAssessmentPlan,
  saveAssessmentRecords,
} from "./assessment-repository.ts";
export { BI_ROLE, type BiWireOptions, type BiWireServer, startBiWireServer } from "./bi-wire-server.ts";
export { fromDateColumn, toDateColumn } from "./calendar-columns.ts";
export {
  argumentsDigest,
  type ChangeStamp,
  GENESIS_HASH,
  hashedColumns,
  MAX_LISTED_IDS,
  rowHash,
} from "./change-log.ts";
export {
  type ChangeLogChain,
  type ChangeLogHead,
  type ChangeLogProblem,
  type ChangeLogProblemKind,
  changeLogHeads,
  verifyChangeLog,
} from "./change-log-verify.ts";
export { type CountyChangeCounts, saveCountyChanges } from "./county-changes.ts";
export { loadCountyPolicy, saveCountyPolicy } from "./county-policy-repository.ts";
export {
  countyExists,
  listCounties,
  loadCountyDataset,
  saveCountyDataset,
} from "./county-repository.ts";
export { CountyRevisions, countyRevision, type RevisionKind } from "./county-revision.ts";
export {
  type Database,
  type DatabaseTarget,
  type OpenDatabaseError,
  openDatabase,
  targetFromEnv,
  tryOpenDatabase,
} from "./database.ts";
export { type LockHolder, lockPathOf } from "./database-lock.ts";
export { listDeterminations, saveDetermination } from "./determination-repository.ts";
export type { default as PrismaTypes } from "./generated/pothos-types.ts";
export { getDatamodel } from "./generated/pothos-types.ts";
export {
  correctWorkOrder,
  loadHotlineData,
  loadWorkOrder,
  type StoredPhrase,
  type StoredPlace,
  type StoredWorkOrder,
  saveHotlineData,
  saveWorkOrders,
} from "./hotline-repository.ts";
export {
  type CountyImportWrite,
  type ImportWrite,
  type ImportWritten,
  saveImport,
} from "./import-repository.ts";
export { tallyPerformanceRecords } from "./maintained-tallies.ts";
export { storedRatingPairs, storedRecordIds } from "./record-lookups.ts";
export { savePerformanceRecordStream } from "./record-stream.ts";
export {
  computeTallies,
  type JudgedRecordFilter,
  judgedRecords,
  type Page,
  type TallyQuestion,
} from "./record-tallies.ts";
export {
  refreshScoreSnapshots,
  type ScoreSnapshotSource,
  type StoredScoreSnapshot,
  saveScoreSnapshot,
  snapshotScores,
} from "./score-snapshots.ts";
export { type StoreError, StoreFailure, type StoreWriteError, toStoreError } from "./store-error.ts";
export {
  appendWhistleStep,
  loadWhistleLoop,
  type RaisedWhistle,
  raiseWhistle,
} from "./whistle-repository.ts";
