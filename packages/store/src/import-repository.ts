import type { AssessmentPlan, AssessmentRecords, CountyDataset, Result } from "@dutylist/core";
import {
  type AssessmentRecordCounts,
  planWrittenIds,
  recordsWrittenIds,
  writeAssessmentPlan,
  writeAssessmentRecords,
} from "./assessment-repository.ts";
import type { BulkSql } from "./bulk-load.ts";
import { appendChange, type ChangeStamp } from "./change-log.ts";
import { type CountyChangeCounts, writeCountyChanges } from "./county-changes.ts";
import { datasetWrittenIds, writeCountyDataset } from "./county-repository.ts";
import type { Database } from "./database.ts";
import { StoreFailure, type StoreWriteError, storeResult } from "./store-error.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

/** The county part of an import: a county not stored yet, or the changes to a stored one. */
export type CountyImportWrite =
  | { readonly kind: "CREATE"; readonly dataset: CountyDataset }
  | { readonly kind: "ADJUST"; readonly before: CountyDataset; readonly after: CountyDataset };

/** What one import writes; every part is optional. */
export interface ImportWrite {
  readonly county?: CountyImportWrite;
  readonly plan?: AssessmentPlan;
  /** New records only: a record already stored is a conflict and nothing is written. */
  readonly records?: AssessmentRecords;
}

/** What `saveImport` wrote, part by part (`null` for a part not given). */
export interface ImportWritten {
  readonly county: { readonly kind: "CREATED" } | ({ readonly kind: "ADJUSTED" } & CountyChangeCounts) | null;
  readonly plan: { readonly replaced: boolean } | null;
  readonly records: AssessmentRecordCounts | null;
}

function recordCount(records: AssessmentRecords): number {
  return Object.values(records).reduce((n: number, list: readonly unknown[]) => n + list.length, 0);
}

/** The one county every part is about; parts of two counties are a caller's bug. */
function countyOf(write: ImportWrite): string | null {
  const { county, plan, records } = write;
  const codes = new Set<string>();
  if (county !== undefined)
    codes.add(county.kind === "CREATE" ? county.dataset.county.code : county.before.county.code);
  if (plan !== undefined) codes.add(plan.countyCode);
  if (records !== undefined)
    for (const list of Object.values(records) as (readonly { countyCode: string }[])[])
      for (const r of list) codes.add(r.countyCode);
  if (codes.size > 1) throw new Error(`store: one import writes one county, not ${[...codes].join(", ")}`);
  return [...codes][0] ?? null;
}

/** What the county part wrote, and the ids the change log records for it. */
interface CountyPartWritten {
  readonly written: ImportWritten["county"];
  /** Whether anything of the county was written (an adjustment may find nothing to change). */
  readonly changed: boolean;
  readonly writtenIds: readonly string[];
}

async function writeCounty(tx: Tx, bulk: BulkSql, county: CountyImportWrite): Promise<CountyPartWritten> {
  if (county.kind === "ADJUST") {
    const { counts, writtenIds } = await writeCountyChanges(tx, bulk, county.before, county.after);
    const changed = counts.inserted + counts.updated > 0;
    return { written: { kind: "ADJUSTED", ...counts }, changed, writtenIds };
  }
  // Planned against an empty store: a county stored since is not replaced behind the user's back.
  const code = county.dataset.county.code;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM county WHERE id = ${code} FOR UPDATE`;
  if (locked.length > 0) {
    throw new StoreFailure({
      _tag: "STORE_CONFLICT",
      target: "county",
      message: `县 ${code} 已存在(导入期间被其他操作写入),请重新导入`,
    });
  }
  await writeCountyDataset(tx, bulk, county.dataset);
  return { written: { kind: "CREATED" }, changed: true, writtenIds: datasetWrittenIds(county.dataset) };
}

/**
 * Writes an import — a county created or adjusted, an assessment plan, new records — in ONE
 * transaction: all of it or, on any store error (a stale county, a record already stored), none
 * of it. The import is one row of the county's change log (`stamp`), appended in the same
 * transaction: the publications and adjustments written, the plan, the records (their ids, or
 * counts such as `entries:420085` for a province). The county's stale-write check is that of
 * `saveCountyChanges`; a `CREATE` of a county stored meanwhile is a `STORE_CONFLICT`.
 * @example await saveImport(db, { county: { kind: "CREATE", dataset }, plan, records }, stamp)
 */
export async function saveImport(
  db: Database,
  write: ImportWrite,
  stamp: ChangeStamp,
): Promise<Result<ImportWritten, StoreWriteError>> {
  const countyCode = countyOf(write);
  const { county, plan, records } = write;
  return storeResult(
    "county",
    db.prisma.$transaction(async (tx): Promise<ImportWritten> => {
      const bulk = db.bulk(tx);
      const countyPart = county === undefined ? null : await writeCounty(tx, bulk, county);
      const planWritten = plan === undefined ? null : await writeAssessmentPlan(tx, plan);
      const recordsWritten =
        records === undefined || countyCode === null || recordCount(records) === 0
          ? null
          : await writeAssessmentRecords(tx, bulk, countyCode, records);
      const writtenIds = [
        ...(countyPart?.writtenIds ?? []),
        ...(plan === undefined ? [] : planWrittenIds(plan)),
        ...(records === undefined || recordsWritten === null ? [] : recordsWrittenIds(records)),
      ];
      const changed = countyPart?.changed === true || planWritten !== null || recordsWritten !== null;
      if (countyCode !== null && changed) await appendChange(tx, countyCode, stamp, writtenIds);
      return { county: countyPart?.written ?? null, plan: planWritten, records: recordsWritten };
    }, TRANSACTION),
  );
}
