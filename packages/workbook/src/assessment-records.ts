import {
  buildDirectory,
  type CountyDataset,
  checkDepartmentRating,
  checkPerformanceRecord,
  type DepartmentRating,
  type Indicator,
  type PartyRef,
  type PerformanceCheckContext,
  type PerformanceRecord,
  type PerformanceRecordDraft,
  type RecordCheckContext,
  recordValueOf,
  repeatedRecordIds,
  VALUE_FIELDS_OF,
  type ValueField,
} from "@dutylist/core";
import { filled, readCell, requiredText } from "./assessment-cells.ts";
import { parseDateCell } from "./cell-values.ts";
import { type ColumnKey, SHEETS } from "./format.ts";
import { logRecordProblems } from "./record-issues.ts";
import { bindSheet, IssueLog, NameDirectory, type SheetRecord } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";

/** A row of 考核记录 or of 双向评价, read by the column keys their definitions name. */
export type RecordRow = SheetRecord<ColumnKey<"records">>;
export type RatingRow = SheetRecord<ColumnKey<"ratings">>;

// The 考核记录 and 双向评价 sheets: one record or rating per row, parties by name or code. The
// cells are read here (names, dates, numbers); what a record may say is checked by the core's
// record checks (the API's too), each problem logged at the cell of its field.

/**
 * The indicators records are checked against: the 考核指标 sheet's, or the stored plan's.
 * `broken` are codes of rows of that sheet that could not be read (already reported there).
 * @example const lookup: IndicatorLookup = { indicators: new Map(), broken: new Set(["T01-1"]) };
 */
export interface IndicatorLookup {
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly broken: ReadonlySet<string>;
}

/** The townships and departments of the county, looked up by code or name, and the core's checks' context. */
interface Parties {
  readonly townships: NameDirectory;
  readonly departments: NameDirectory;
  readonly context: RecordCheckContext;
}

function partiesOf(dataset: CountyDataset): Parties {
  return {
    townships: new NameDirectory("乡镇(街道)", dataset.townships),
    departments: new NameDirectory("部门", dataset.departments),
    context: { countyCode: dataset.county.code, directory: buildDirectory(dataset) },
  };
}

/**
 * Each row's id (`null` after logging that it is empty), and the rows whose id an earlier row
 * has (the core's check, logged at their id cell); `rows` keeps the first row of each id.
 */
function claimIds<R extends RecordRow | RatingRow>(
  records: readonly R[],
  rows: Map<string, R>,
  log: IssueLog,
): (string | null)[] {
  const ids = records.map((record) => requiredText(record, "id", log, "记录编号(在本表中唯一)"));
  const repeated = repeatedRecordIds(ids, (i) => `第${records[i]?.rowNumber}行`);
  const refused = new Set(repeated.map((r) => r.index));
  for (const { index, problem } of repeated) {
    const record = records[index];
    if (record !== undefined) logRecordProblems(record, [problem], { id: "id" }, log);
  }
  records.forEach((record, i) => {
    const id = ids[i];
    if (id != null && !rows.has(id)) rows.set(id, record);
  });
  return ids.map((id, i) => (refused.has(i) ? null : id));
}

/** Whether a name lookup found the party, or found several of its kind. */
function lookUp(directory: NameDirectory, text: string, at: CellLocation) {
  const scratch = new IssueLog();
  const code = directory.resolve(text, at, scratch, "UNKNOWN_VALUE");
  const ambiguous = scratch.issues.filter((i) => i.code === "AMBIGUOUS_NAME");
  return { code, ambiguous, matches: code !== undefined || ambiguous.length > 0 };
}

/** 考核对象: a township first, then a department; a text naming both is ambiguous. */
function readSubject(
  record: RecordRow,
  parties: Parties,
  indicator: Indicator | undefined,
  log: IssueLog,
): PartyRef | undefined {
  const text = requiredText(record, "subject", log, "乡镇(街道)或部门的名称或编码");
  if (text === null) return undefined;
  const at = record.at("subject");
  const township = lookUp(parties.townships, text, at);
  const department = lookUp(parties.departments, text, at);
  if (township.matches && department.matches) {
    log.add("AMBIGUOUS_NAME", at, `考核对象“${text}”既可指乡镇(街道)也可指部门:请改用编码`);
    return undefined;
  }
  if (township.code !== undefined) return { kind: "TOWNSHIP", code: township.code };
  if (department.code !== undefined) return { kind: "DEPARTMENT", code: department.code };
  for (const issue of [...township.ambiguous, ...department.ambiguous])
    log.add(issue.code, at, issue.message);
  if (township.ambiguous.length + department.ambiguous.length === 0)
    log.add(
      indicator?.subject === "DEPARTMENT" ? "UNKNOWN_DEPARTMENT" : "UNKNOWN_TOWNSHIP",
      at,
      `未知的考核对象“${text}”:须为乡镇(街道)或部门的编码或名称`,
    );
  return undefined;
}

/** 乡镇(街道): the township whose lists judge the record, by name or code. */
function readTownship(record: RecordRow, parties: Parties, log: IssueLog): string | undefined {
  const text = requiredText(record, "township", log, "乡镇(街道)的名称或编码");
  if (text === null) return undefined;
  return parties.townships.resolve(text, record.at("township"), log, "UNKNOWN_TOWNSHIP");
}

/** The value columns (S8): which are filled at all, and what those of the method hold. */
function readValueCells(record: RecordRow, indicator: Indicator | undefined, log: IssueLog) {
  const fields: ValueField[] = ["achieved", "target", "events", "score", "passed"];
  const given = new Set(fields.filter((field) => record.text(field) !== ""));
  const reads = (field: ValueField) =>
    indicator !== undefined && given.has(field) && VALUE_FIELDS_OF[indicator.method.kind].includes(field);
  const decimal = (field: "achieved" | "target" | "score") =>
    reads(field) ? (readCell(record, field, "DECIMAL", log, "S8") ?? undefined) : undefined;
  return {
    valueKind: indicator?.method.kind,
    given,
    achieved: decimal("achieved"),
    target: decimal("target"),
    score: decimal("score"),
    events: reads("events") ? (readCell(record, "events", "INTEGER", log, "S8") ?? undefined) : undefined,
    passed: reads("passed") ? (readCell(record, "passed", "BOOLEAN", log, "S8") ?? undefined) : undefined,
  };
}

/** Where each field the core's checks name sits on a 考核记录 row. */
const RECORD_COLUMNS = {
  subject: "subject",
  townshipCode: "township",
  indicatorCode: "indicatorCode",
  itemCode: "itemCode",
  matter: "matter",
  date: "date",
  valueKind: "indicatorCode",
  achieved: "achieved",
  target: "target",
  events: "events",
  score: "score",
  passed: "passed",
} as const;

function readDate(record: RecordRow, log: IssueLog) {
  const date = parseDateCell(record.cell("date"));
  if (date === null) log.add("REQUIRED", record.at("date"), "日期不能为空:应如 2025-07-01");
  if (date === undefined)
    log.add("NOT_A_DATE", record.at("date"), `日期“${record.text("date")}”不是日期:应如 2025-07-01`);
  return date ?? undefined;
}

function readRecordRow(
  record: RecordRow,
  id: string | null,
  parties: Parties,
  context: PerformanceCheckContext,
  log: IssueLog,
): PerformanceRecord | null {
  const before = log.size;
  const indicatorCode = requiredText(record, "indicatorCode", log, "考核方案中二级指标的编码") ?? undefined;
  const indicator =
    indicatorCode === undefined ? undefined : context.planFor(null)?.indicators.get(indicatorCode);
  const itemCode = record.text("itemCode");
  const matter = record.text("matter");
  const draft: PerformanceRecordDraft = {
    id: id ?? undefined,
    countyCode: context.countyCode,
    indicatorCode,
    subject: readSubject(record, parties, indicator, log),
    townshipCode: readTownship(record, parties, log),
    itemCode: itemCode === "" ? null : itemCode,
    matter: matter === "" ? null : matter,
    date: readDate(record, log),
    ...readValueCells(record, indicator, log),
  };
  // A missing plan is said once, for the whole sheet.
  const problems = checkPerformanceRecord(draft, context).filter((p) => p.code !== "NO_PLAN");
  logRecordProblems(record, problems, RECORD_COLUMNS, log);
  const { subject, townshipCode, date, valueKind } = draft;
  if (log.size !== before || id === null || indicator === undefined || valueKind === undefined) return null;
  const value = recordValueOf(valueKind, draft);
  if (subject === undefined || townshipCode === undefined || date === undefined || value === null)
    return null;
  return {
    id,
    countyCode: context.countyCode,
    indicatorCode: indicator.code,
    subject,
    townshipCode,
    itemCode: itemCode === "" ? null : itemCode,
    matter: matter === "" ? null : matter,
    date,
    value,
  };
}

/**
 * The 考核记录 sheet read; rows with a problem are left out.
 * @example readRecordSheet(tables, dataset, lookup, log).rows.get("R-001")?.rowNumber // 2
 */
export interface RecordSheet {
  readonly performance: PerformanceRecord[];
  /** The first row of each record id. */
  readonly rows: ReadonlyMap<string, RecordRow>;
}

/**
 * Reads the 考核记录 sheet against `lookup`'s indicators (`null`: no plan at all, one issue on
 * the sheet). Records about off-list or reclaimed items are kept: scoring excludes them (S7).
 * @example readRecordSheet(tables, demoCounty(), { indicators, broken: new Set() }, log).performance.length
 */
export function readRecordSheet(
  tables: WorkbookTables,
  dataset: CountyDataset,
  lookup: IndicatorLookup | null,
  log: IssueLog,
): RecordSheet {
  const sheet = bindSheet(tables, SHEETS.records, log);
  const rows = new Map<string, RecordRow>();
  if (sheet === undefined) return { performance: [], rows };
  if (lookup === null && sheet.records.length > 0) {
    log.add(
      "UNKNOWN_INDICATOR",
      { file: sheet.file, sheet: sheet.name, row: null, column: null, header: null },
      "没有考核方案:工作簿中没有考核指标表,库中也没有本年度的考核方案,无法核对考核记录的指标",
    );
  }
  const parties = partiesOf(dataset);
  const plan =
    lookup === null ? null : { title: "考核方案", indicators: lookup.indicators, unreadable: lookup.broken };
  // The sheet's records are read against one plan, whatever their dates (scoring excludes those
  // outside its year, S7).
  const context: PerformanceCheckContext = { ...parties.context, planFor: () => plan };
  const ids = claimIds(sheet.records, rows, log);
  const performance = sheet.records.flatMap((record, i) => {
    const read = readRecordRow(record, ids[i] ?? null, parties, context, log);
    return read === null ? [] : [read];
  });
  return { performance, rows };
}

/**
 * The 双向评价 sheet read; rows with a problem are left out.
 * @example readRatingSheet(tables, dataset, log).ratings.length // 60
 */
export interface RatingSheet {
  readonly ratings: DepartmentRating[];
  /** The first row of each rating id. */
  readonly rows: ReadonlyMap<string, RatingRow>;
}

const RATING_COLUMNS = {
  year: "year",
  townshipCode: "township",
  departmentCode: "department",
  score: "score",
} as const;

function readRatingRow(record: RatingRow, id: string | null, parties: Parties, log: IssueLog) {
  const before = log.size;
  const year = filled(readCell(record, "year", "INTEGER", log), record, "year", log, "年度,如 2025");
  const township = requiredText(record, "township", log, "评价的乡镇(街道)的名称或编码");
  const townshipCode =
    township === null
      ? undefined
      : parties.townships.resolve(township, record.at("township"), log, "UNKNOWN_TOWNSHIP");
  const department = requiredText(record, "department", log, "被评价部门的名称或编码");
  const departmentCode =
    department === null
      ? undefined
      : parties.departments.resolve(department, record.at("department"), log, "UNKNOWN_DEPARTMENT");
  const score = filled(
    readCell(record, "score", "DECIMAL", log, "S6"),
    record,
    "score",
    log,
    "0–100 之间的数",
  );
  const draft = { year, townshipCode, departmentCode, score };
  logRecordProblems(record, checkDepartmentRating(draft, parties.context), RATING_COLUMNS, log);
  if (log.size !== before || id === null || year === undefined || score === undefined) return null;
  if (townshipCode === undefined || departmentCode === undefined) return null;
  const rating: DepartmentRating = {
    id,
    countyCode: parties.context.countyCode,
    year,
    townshipCode,
    departmentCode,
    score,
  };
  return rating;
}

/**
 * Reads the 双向评价 sheet: each township's 0–100 rating of a department (S6).
 * @example readRatingSheet(tables, demoCounty(), log).ratings[0]?.score // "88"
 */
export function readRatingSheet(tables: WorkbookTables, dataset: CountyDataset, log: IssueLog): RatingSheet {
  const sheet = bindSheet(tables, SHEETS.ratings, log);
  const rows = new Map<string, RatingRow>();
  if (sheet === undefined) return { ratings: [], rows };
  const parties = partiesOf(dataset);
  const ids = claimIds(sheet.records, rows, log);
  const ratings = sheet.records.flatMap((record, i) => {
    const read = readRatingRow(record, ids[i] ?? null, parties, log);
    return read === null ? [] : [read];
  });
  return { ratings, rows };
}
