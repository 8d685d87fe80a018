import {
  type AssessmentPlan,
  type AssessmentSubject,
  type CountyDataset,
  type DepartmentRating,
  type FirstLevelIndicator,
  type Indicator,
  type PerformanceRecord,
  type PlanIssue,
  type PlanIssueCode,
  type ScoringMethod,
  validateAssessmentPlan,
} from "@dutylist/core";
import {
  BINDING_SYNTAX,
  METHOD_WORDS,
  readBinding,
  requiredDecimal,
  requiredText,
  requiredWord,
  SUBJECT_WORDS,
  TRACK_WORDS,
} from "./assessment-cells.ts";
import {
  type IndicatorLookup,
  type RatingRow,
  type RecordRow,
  readRatingSheet,
  readRecordSheet,
} from "./assessment-records.ts";
import { type ColumnKey, INFO_FIELDS, SHEETS } from "./format.ts";
import { bindSheet, type IssueLog, type SheetRecord } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";

/** A row of 考核指标, read by the column keys its definition names. */
type IndicatorRecord = SheetRecord<ColumnKey<"indicators">>;

// The assessment sheets of a workbook (考核指标, 考核记录, 双向评价) read and checked against the
// county's lists: every problem logged with its cell, nothing thrown.

/**
 * What the assessment sheets are read against.
 * @example const context: AssessmentSheetContext = { dataset, storedPlan: null, plan: { id: null, title: null, year: 2025 } };
 */
export interface AssessmentSheetContext {
  readonly dataset: CountyDataset;
  /** The stored plan of the year: the indicators of the records when there is no 考核指标 sheet. */
  readonly storedPlan: AssessmentPlan | null;
  /** The plan's id, title and year as 清单信息 (or the command line) gives them; `null` if not given. */
  readonly plan: {
    readonly id: string | null;
    readonly title: string | null;
    readonly year: number | null;
  };
}

/**
 * A warning of plan validation (e.g. PARTLY_RECLAIMED), located: shown, never blocking.
 * @example parsed.warnings.map((w) => formatLocation(w.location)) // ["a.xlsx 考核指标 第6行 K列(考核内容)"]
 */
export interface PlanWarning {
  readonly code: PlanIssueCode;
  readonly location: CellLocation;
  readonly message: string;
  readonly ruleId: string;
}

/**
 * Where each indicator, record and rating was read; later checks (reconcile) locate by them.
 * @example parsed.rows.performance.get("R-001")?.at("score") // { sheet: "考核记录", row: 2, column: "L", … }
 */
export interface AssessmentRows {
  readonly source: string;
  /** The 考核指标 sheet as a whole, when the workbook has one. */
  readonly indicatorSheet: CellLocation | null;
  readonly indicators: ReadonlyMap<string, IndicatorRecord>;
  readonly performance: ReadonlyMap<string, RecordRow>;
  readonly ratings: ReadonlyMap<string, RatingRow>;
}

/**
 * The assessment sheets read: only rows without problems become records.
 * @example parseAssessmentSheets(tables, context, log).performance.length // 126
 */
export interface ParsedAssessment {
  /**
   * The 考核指标 sheet's plan; `null` without that sheet (or with no rows in it), when a row of it
   * could not be read, or when the year is unknown. A plan that validation rejects is returned,
   * with its PLAN_INVALID issues in the log.
   */
  readonly plan: AssessmentPlan | null;
  readonly performance: readonly PerformanceRecord[];
  readonly ratings: readonly DepartmentRating[];
  readonly warnings: readonly PlanWarning[];
  readonly rows: AssessmentRows;
}

/** One 考核指标 row read: the heading it names and the indicator, `null` for what failed. */
interface IndicatorRow {
  readonly record: IndicatorRecord;
  readonly code: string;
  readonly heading: { readonly code: string; readonly name: string } | null;
  readonly subject: AssessmentSubject | null;
  readonly indicator: Indicator | null;
}

// 分值 and 每次扣分 are positive decimals (S8).
const POSITIVE = { min: 0, minInclusive: false, ruleId: "S8" } as const;

/** 考核类别: required for a township indicator (S2, S3), empty for a department one (S4). */
function readTrack(record: IndicatorRecord, subject: AssessmentSubject | null, log: IssueLog) {
  const text = record.text("track");
  if (subject === "DEPARTMENT") {
    if (text === "") return { ok: true, track: null } as const;
    log.add(
      "UNKNOWN_VALUE",
      record.at("track"),
      `考核部门的指标不计入乡镇得分,考核类别须留空(此处为“${text}”)`,
      "S4",
    );
    return { ok: false } as const;
  }
  if (text === "" && subject === "TOWNSHIP") {
    log.add(
      "REQUIRED",
      record.at("track"),
      `考核乡镇的指标须填考核类别:核心考核(基本履职事项,S2)或协同评价(配合履职事项,S3)`,
      "S2",
    );
    return { ok: false } as const;
  }
  const track = text === "" ? null : TRACK_WORDS.read(text);
  if (track === undefined)
    log.add("UNKNOWN_VALUE", record.at("track"), `考核类别“${text}”无法识别:应为 ${TRACK_WORDS.hint} 之一`);
  return track === undefined ? ({ ok: false } as const) : ({ ok: true, track } as const);
}

function readMethod(record: IndicatorRecord, log: IssueLog): ScoringMethod | null {
  const kind = requiredWord(record, "method", METHOD_WORDS, log);
  if (kind !== "DEDUCTION") {
    if (record.text("perEvent") !== "")
      log.add("UNKNOWN_VALUE", record.at("perEvent"), "每次扣分只用于扣分法,此处应留空", "S8");
    return kind === null ? null : { kind };
  }
  const perEvent = requiredDecimal(record, "perEvent", POSITIVE, log);
  return perEvent === null ? null : { kind, perEvent };
}

function readIndicatorRow(
  record: IndicatorRecord,
  isItem: (code: string) => boolean,
  log: IssueLog,
): IndicatorRow {
  const before = log.size;
  const parentCode = requiredText(record, "parentCode", log, "一级指标编码,如 T01");
  const parentName = requiredText(record, "parentName", log, "一级指标名称");
  const code = requiredText(record, "code", log, "二级指标编码,如 T01-1");
  const name = requiredText(record, "name", log, "二级指标名称");
  const subject = requiredWord(record, "subject", SUBJECT_WORDS, log);
  const track = readTrack(record, subject, log);
  const points = requiredDecimal(record, "points", POSITIVE, log);
  const method = readMethod(record, log);
  const text = requiredText(record, "binding", log, BINDING_SYNTAX);
  const reading = text === null ? null : readBinding(text, isItem);
  if (reading?.ok === false)
    log.add(
      reading.code,
      record.at("binding"),
      reading.message,
      reading.code === "UNKNOWN_ITEM" ? "S1" : null,
    );
  const heading = parentCode === null || parentName === null ? null : { code: parentCode, name: parentName };
  const complete =
    log.size === before &&
    parentCode !== null &&
    code !== null &&
    name !== null &&
    subject !== null &&
    track.ok &&
    points !== null &&
    method !== null &&
    reading?.ok === true;
  const indicator: Indicator | null = complete
    ? { code, parentCode, name, subject, track: track.track, points, method, binding: reading.binding }
    : null;
  return { record, code: code ?? "", heading, subject, indicator };
}

/** A first-level indicator as the rows give it: where it first appears, its name and subject. */
interface Heading {
  readonly record: IndicatorRecord;
  readonly name: string;
  subject: AssessmentSubject | null;
}

/** S10: a first-level code keeps one name; its subject is that of its indicators. */
function collectHeadings(rows: readonly IndicatorRow[], log: IssueLog): Map<string, Heading> {
  const headings = new Map<string, Heading>();
  for (const { record, heading, subject } of rows) {
    if (heading === null) continue;
    const first = headings.get(heading.code);
    if (first === undefined) headings.set(heading.code, { record, name: heading.name, subject });
    else if (first.name !== heading.name) {
      log.add(
        "DUPLICATE_CODE",
        record.at("parentName"),
        `一级指标编码 ${heading.code} 在第${first.record.rowNumber}行为“${first.name}”,此处为“${heading.name}”:同一编码须同一名称`,
        "S10",
      );
    } else first.subject ??= subject;
  }
  return headings;
}

// Which column of an indicator's row a validation issue points at.
const ISSUE_COLUMNS: Readonly<Record<PlanIssueCode, ColumnKey<"indicators">>> = {
  WRONG_COUNTY: "code",
  INVALID_YEAR: "code",
  DUPLICATE_CODE: "code",
  UNKNOWN_PARENT: "parentCode",
  SUBJECT_MISMATCH: "subject",
  EMPTY_FIRST_LEVEL: "parentCode",
  MISSING_TRACK: "track",
  UNEXPECTED_TRACK: "track",
  INVALID_POINTS: "points",
  INVALID_DEDUCTION: "perEvent",
  METHOD_MISMATCH: "method",
  BOUND_TO_NOTHING: "binding",
  BOUND_TO_RECLAIMED: "binding",
  OFF_LIST_ITEM: "binding",
  WRONG_TRACK: "binding",
  DEPARTMENT_BINDING: "binding",
  DEPARTMENT_ONLY_BINDING: "binding",
  PARTLY_RECLAIMED: "binding",
  RESEMBLES_RECLAIMED: "name",
};

interface PlanSheet {
  readonly lookup: IndicatorLookup;
  readonly plan: AssessmentPlan | null;
  readonly warnings: readonly PlanWarning[];
  readonly rows: ReadonlyMap<string, IndicatorRecord>;
  readonly sheetAt: CellLocation;
}

function planHeader(context: AssessmentSheetContext, year: number): Pick<AssessmentPlan, "id" | "title"> {
  const { county } = context.dataset;
  const stored = context.storedPlan?.year === year ? context.storedPlan : null;
  return {
    id: context.plan.id ?? stored?.id ?? `${county.code}-${year}`,
    title: context.plan.title ?? stored?.title ?? `${county.name}${year}年度考核方案`,
  };
}

/** Runs `validateAssessmentPlan` and logs its errors at the rows they name (S1–S10). */
function checkPlan(
  plan: AssessmentPlan,
  context: AssessmentSheetContext,
  at: (issue: PlanIssue) => CellLocation,
  skip: (issue: PlanIssue) => boolean,
  log: IssueLog,
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const issue of validateAssessmentPlan(plan, context.dataset).issues) {
    if (skip(issue)) continue;
    if (issue.severity === "ERROR") log.add("PLAN_INVALID", at(issue), issue.message, issue.ruleId);
    else
      warnings.push({ code: issue.code, location: at(issue), message: issue.message, ruleId: issue.ruleId });
  }
  return warnings;
}

function readPlanSheet(
  tables: WorkbookTables,
  context: AssessmentSheetContext,
  log: IssueLog,
): PlanSheet | undefined {
  const sheet = bindSheet(tables, SHEETS.indicators, log);
  if (sheet === undefined || sheet.records.length === 0) return undefined;
  const before = log.size;
  const sheetAt: CellLocation = {
    file: sheet.file,
    sheet: sheet.name,
    row: null,
    column: null,
    header: null,
  };
  const catalogue = new Set(context.dataset.items.map((i) => i.code));
  const rows = new Map<string, IndicatorRecord>();
  const indicators = new Map<string, Indicator>();
  const broken = new Set<string>();
  const brokenHeadings = new Set<string>();
  const read = sheet.records.map((record) => readIndicatorRow(record, (c) => catalogue.has(c), log));
  for (const row of read) {
    const first = rows.get(row.code);
    if (first !== undefined) {
      log.add(
        "DUPLICATE_CODE",
        row.record.at("code"),
        `指标编码 ${row.code} 已在第${first.rowNumber}行使用:指标编码须唯一(S10)`,
        "S10",
      );
      continue;
    }
    if (row.code !== "") rows.set(row.code, row.record);
    if (row.indicator !== null) indicators.set(row.code, row.indicator);
    else {
      if (row.code !== "") broken.add(row.code);
      if (row.heading !== null) brokenHeadings.add(row.heading.code);
    }
  }
  const headings = collectHeadings(read, log);
  const firstLevel: FirstLevelIndicator[] = [...headings].flatMap(([code, { name, subject }]) =>
    subject === null ? [] : [{ code, name, subject }],
  );
  const year = context.plan.year ?? context.storedPlan?.year ?? null;
  const lookup = { indicators, broken };
  if (year === null) {
    log.add("REQUIRED", sheetAt, `考核年度未知:请在清单信息表填写“${INFO_FIELDS.planYear}”,如 2025`);
    return { lookup, plan: null, warnings: [], rows, sheetAt };
  }
  const plan: AssessmentPlan = {
    ...planHeader(context, year),
    countyCode: context.dataset.county.code,
    year,
    firstLevel,
    indicators: [...indicators.values()],
  };
  const clean = log.size === before;
  const at = (issue: PlanIssue): CellLocation => {
    const code = issue.indicatorCode ?? "";
    const row = rows.get(code) ?? headings.get(code)?.record;
    const column = rows.has(code) ? ISSUE_COLUMNS[issue.code] : "parentCode";
    return row?.at(column) ?? sheetAt;
  };
  // A row already reported is not reported again through the plan it could not join.
  const skip = (issue: PlanIssue) =>
    issue.indicatorCode !== null &&
    (broken.has(issue.indicatorCode) ||
      (issue.code === "EMPTY_FIRST_LEVEL" && brokenHeadings.has(issue.indicatorCode)));
  const warnings = checkPlan(plan, context, at, skip, log);
  return { lookup, plan: clean ? plan : null, warnings, rows, sheetAt };
}

/**
 * Reads the assessment sheets of a workbook: 考核指标 (one row per second-level indicator, the
 * plan checked by `validateAssessmentPlan`, S1–S10), 考核记录 (checked against that plan, or the
 * stored one without the sheet) and 双向评价 (S6). Every problem goes to `log` with its cell; rows
 * with a problem are left out. Records about off-list or reclaimed items are kept: scoring
 * excludes and reports them (S7).
 * @example
 * const log = new IssueLog();
 * const parsed = parseAssessmentSheets(tables, { dataset, storedPlan: null, plan: { id: null, title: null, year: 2025 } }, log);
 * parsed.plan?.indicators.length // 17
 */
export function parseAssessmentSheets(
  tables: WorkbookTables,
  context: AssessmentSheetContext,
  log: IssueLog,
): ParsedAssessment {
  const planSheet = readPlanSheet(tables, context, log);
  const stored = context.storedPlan;
  const lookup: IndicatorLookup | null =
    planSheet?.lookup ??
    (stored === null
      ? null
      : { indicators: new Map(stored.indicators.map((i) => [i.code, i])), broken: new Set() });
  const records = readRecordSheet(tables, context.dataset, lookup, log);
  const ratings = readRatingSheet(tables, context.dataset, log);
  return {
    plan: planSheet?.plan ?? null,
    performance: records.performance,
    ratings: ratings.ratings,
    warnings: planSheet?.warnings ?? [],
    rows: {
      source: tables.source,
      indicatorSheet: planSheet?.sheetAt ?? null,
      indicators: planSheet?.rows ?? new Map(),
      performance: records.rows,
      ratings: ratings.rows,
    },
  };
}
