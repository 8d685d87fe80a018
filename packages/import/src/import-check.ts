import type { AssessmentPlan, IsoDate } from "@dutylist/core";
import {
  countyRevision,
  type Database,
  type ImportWrite,
  listCounties,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyDataset,
} from "@dutylist/store";
import {
  type AssessmentReconciliation,
  type CountyImport,
  type ExecutionRecords,
  findSheet,
  IssueLog,
  importCountyCode,
  type PlanWarning,
  planWorkbookImport,
  readInfo,
  SHEETS,
  type StoredState,
  type WorkbookIssue,
  type WorkbookTables,
  workbookPlanYear,
} from "@dutylist/workbook";

/** What an import would do, checked in full; nothing is written by checking. */
export interface ImportCheck {
  readonly countyCode: string | null;
  readonly county: CountyImport;
  /** The assessment sheets reconciled with the store; `null` when the workbook has none. */
  readonly assessment: AssessmentReconciliation | null;
  /** The stored plan of the workbook's 考核年度. */
  readonly storedPlan: AssessmentPlan | null;
  /** Whether the workbook has a 考核指标 sheet (a plan), not only records. */
  readonly hasPlanSheet: boolean;
  readonly warnings: readonly PlanWarning[];
  /** The 履职执行记录 sheet's whistles, guarantees and reports not stored yet; `null` without it. */
  readonly execution: ExecutionRecords | null;
  /** Every problem found; with any, nothing may be written. */
  readonly issues: readonly WorkbookIssue[];
  /** Knowledge time (L2): the day the import records its changes and records on, if given. */
  readonly recordedOn: IsoDate | null;
}

export interface ImportCheckOptions {
  /** `--county`: the county when the workbook does not name it. */
  readonly countyCode?: string | undefined;
  /** `--as-of`: the date the workbook's lists stand on. */
  readonly asOf?: IsoDate | undefined;
  /** `--allow-stale`: a workbook exported before later changes of the county is imported anyway. */
  readonly allowStale?: boolean | undefined;
  /** `--confirm-removals`: removals beyond `maxRemovalShare`, or of a whole list, are meant. */
  readonly confirmRemovals?: boolean | undefined;
  /** `--max-removal-share`: the share of a township's entries an import may remove (0.2). */
  readonly maxRemovalShare?: number | undefined;
  /** The date pending proposals are recorded as proposed on (today). */
  readonly proposedOn?: IsoDate | undefined;
  /**
   * Knowledge time (L2): the day the import is recorded (today). Every change and record it
   * writes carries it; absent, each is taken as recorded on the date it states.
   */
  readonly recordedOn?: IsoDate | undefined;
}

function whole(tables: WorkbookTables) {
  return { file: tables.source, sheet: "", row: null, column: null, header: null };
}

/** The county the import is about: the workbook's, else `--county`, else the only one stored. */
async function countyOf(db: Database, named: string | null): Promise<string | null> {
  if (named !== null) return named;
  const counties = await listCounties(db);
  const [only, ...others] = counties;
  return only !== undefined && others.length === 0 ? only.code : null;
}

/** What is stored of the county: its dataset, and its plan and records of the workbook's year. */
async function storedState(
  db: Database,
  countyCode: string | null,
  year: number | null,
): Promise<StoredState & { readonly revision: bigint | undefined }> {
  const none: StoredState = {
    county: null,
    assessment: { plan: null, records: { performance: [], ratings: [] } },
  };
  if (countyCode === null) return { ...none, revision: undefined };
  const county = await loadCountyDataset(db, countyCode);
  // Read after the county: a write in between makes the revision newer than what was loaded,
  // which can only make the stale-workbook check stricter, never miss a change.
  const revision = county === null ? undefined : await countyRevision(db, countyCode);
  if (county === null || year === null) return { ...none, county, revision };
  const [plan, records] = await Promise.all([
    loadAssessmentPlan(db, countyCode, year),
    loadAssessmentRecords(db, countyCode, year),
  ]);
  const { whistles, guarantees, pushDowns, unattended } = records;
  return {
    county,
    assessment: { plan, records },
    execution: { whistles, guarantees, pushDowns, unattended },
    revision,
  };
}

/**
 * Checks a workbook against the store as an import would: the county sheets (`planCountyImport`:
 * created, adjusted or unchanged), then the assessment sheets against the county as it would be
 * after the import (`parseAssessmentSheets`, `reconcileAssessment`). Every problem is collected.
 * @example const check = await checkImport(db, tables, {}); check.issues.length // 0
 */
export async function checkImport(
  db: Database,
  tables: WorkbookTables,
  options: ImportCheckOptions,
): Promise<ImportCheck> {
  const log = new IssueLog();
  const info = readInfo(tables, log);
  const named = importCountyCode(
    info,
    options.countyCode === undefined ? {} : { countyCode: options.countyCode },
  );
  if (named !== null && options.countyCode !== undefined && named !== options.countyCode) {
    log.add(
      "DOMAIN",
      info.at("countyCode") ?? whole(tables),
      `工作簿的清单信息为县 ${named},与 --county ${options.countyCode} 不一致`,
    );
  }
  const countyCode = await countyOf(db, named);
  const stored = await storedState(db, countyCode, workbookPlanYear(info));
  const planned = planWorkbookImport(
    tables,
    info,
    stored,
    {
      ...(countyCode === null ? {} : { countyCode }),
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      ...(stored.revision === undefined ? {} : { storedRevision: stored.revision }),
      ...(options.allowStale === true ? { allowStale: true } : {}),
      ...(options.confirmRemovals === true ? { confirmRemovals: true } : {}),
      ...(options.maxRemovalShare === undefined ? {} : { maxRemovalShare: options.maxRemovalShare }),
      ...(options.proposedOn === undefined ? {} : { proposedOn: options.proposedOn }),
      ...(options.recordedOn === undefined ? {} : { recordedOn: options.recordedOn }),
    },
    log,
  );
  if (planned.county.kind === "NONE" && planned.assessment === null && log.size === 0) {
    log.add(
      "MISSING_SHEET",
      whole(tables),
      `没有可导入的工作表:应有 ${[
        SHEETS.townships,
        SHEETS.basic,
        SHEETS.cooperative,
        SHEETS.reclaimed,
        SHEETS.indicators,
        SHEETS.records,
      ]
        .map((s) => s.name)
        .join("、")} 等(见 docs/import-format.md)`,
    );
  }
  return {
    countyCode,
    county: planned.county,
    assessment: planned.assessment,
    storedPlan: stored.assessment.plan,
    hasPlanSheet: findSheet(tables, SHEETS.indicators) !== undefined,
    warnings: planned.warnings,
    execution: planned.execution,
    issues: log.issues,
    recordedOn: options.recordedOn ?? null,
  };
}

const NO_RECORDS = { whistles: [], guarantees: [], pushDowns: [], unattended: [] } as const;

/** The record stamped with the import's day (L2); without one, the store records it on its day. */
function recorded<T extends { readonly recordedOn?: IsoDate }>(record: T, recordedOn: IsoDate | null): T {
  return recordedOn === null ? record : { ...record, recordedOn };
}

/**
 * What `saveImport` is to write for a clean check: the county created or adjusted, the plan when
 * it changed, the records not stored yet.
 * @example await saveImport(db, importWrite(check))
 */
export function importWrite(check: ImportCheck): ImportWrite {
  const { county, assessment } = check;
  const r = assessment ?? undefined;
  const e = check.execution ?? NO_RECORDS;
  const executionCount = e.whistles.length + e.guarantees.length + e.pushDowns.length + e.unattended.length;
  const records =
    (r === undefined || (r.newPerformance.length === 0 && r.newRatings.length === 0)) && executionCount === 0
      ? undefined
      : {
          whistles: e.whistles.map((w) => recorded(w, check.recordedOn)),
          guarantees: e.guarantees.map((g) => recorded(g, check.recordedOn)),
          pushDowns: e.pushDowns.map((p) => recorded(p, check.recordedOn)),
          unattended: e.unattended.map((u) => recorded(u, check.recordedOn)),
          performance: (r?.newPerformance ?? []).map((p) => recorded(p, check.recordedOn)),
          ratings: (r?.newRatings ?? []).map((p) => recorded(p, check.recordedOn)),
        };
  return {
    ...(county.kind === "CREATE" ? { county: { kind: "CREATE" as const, dataset: county.dataset } } : {}),
    ...(county.kind === "ADJUST"
      ? { county: { kind: "ADJUST" as const, before: county.before, after: county.dataset } }
      : {}),
    ...(r?.planToSave == null ? {} : { plan: r.planToSave }),
    ...(records === undefined ? {} : { records }),
  };
}

/**
 * Whether a write would change anything.
 * @example isEmptyWrite(importWrite(check)) // true when the workbook is already stored
 */
export function isEmptyWrite(write: ImportWrite): boolean {
  return write.county === undefined && write.plan === undefined && write.records === undefined;
}
