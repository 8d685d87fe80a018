import type {
  CountyDataset,
  DepartmentRating,
  Indicator,
  PartyRef,
  PerformanceRecord,
  RecordValue,
  ScoringMethodKind,
} from "@dutylist/core";
import {
  METHOD_WORDS,
  requiredBoolean,
  requiredDecimal,
  requiredInteger,
  requiredText,
} from "./assessment-cells.ts";
import { parseDateCell } from "./cell-values.ts";
import { type ColumnKey, SHEETS } from "./format.ts";
import { bindSheet, IssueLog, NameDirectory, type SheetRecord } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";

/** A row of 考核记录 or of 双向评价, read by the column keys their definitions name. */
export type RecordRow = SheetRecord<ColumnKey<"records">>;
export type RatingRow = SheetRecord<ColumnKey<"ratings">>;

// The 考核记录 and 双向评价 sheets: one record or rating per row, parties by name or code.

/**
 * The indicators records are checked against: the 考核指标 sheet's, or the stored plan's.
 * `broken` are codes of rows of that sheet that could not be read (already reported there).
 * @example const lookup: IndicatorLookup = { indicators: new Map(), broken: new Set(["T01-1"]) };
 */
export interface IndicatorLookup {
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly broken: ReadonlySet<string>;
}

/** The townships and departments of the county, looked up by code or name. */
interface Parties {
  readonly townships: NameDirectory;
  readonly departments: NameDirectory;
  readonly items: ReadonlySet<string>;
  readonly countyCode: string;
}

function partiesOf(dataset: CountyDataset): Parties {
  return {
    townships: new NameDirectory("乡镇(街道)", dataset.townships),
    departments: new NameDirectory("部门", dataset.departments),
    items: new Set(dataset.items.map((i) => i.code)),
    countyCode: dataset.county.code,
  };
}

const SUBJECT_NAMES = { TOWNSHIP: "乡镇(街道)", DEPARTMENT: "部门" } as const;

/** A row's id, unique within its sheet; `null` after logging why not. */
function claimId<R extends RecordRow | RatingRow>(
  record: R,
  seen: Map<string, R>,
  log: IssueLog,
): string | null {
  const id = requiredText(record, "id", log, "记录编号(在本表中唯一)");
  if (id === null) return null;
  const first = seen.get(id);
  if (first === undefined) {
    seen.set(id, record);
    return id;
  }
  log.add("DUPLICATE_CODE", record.at("id"), `记录编号 ${id} 已在第${first.rowNumber}行使用:记录编号须唯一`);
  return null;
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
): PartyRef | null {
  const text = requiredText(record, "subject", log, "乡镇(街道)或部门的名称或编码");
  if (text === null) return null;
  const at = record.at("subject");
  const township = lookUp(parties.townships, text, at);
  const department = lookUp(parties.departments, text, at);
  if (township.matches && department.matches) {
    log.add("AMBIGUOUS_NAME", at, `考核对象“${text}”既可指乡镇(街道)也可指部门:请改用编码`);
    return null;
  }
  const party: PartyRef | null =
    township.code !== undefined
      ? { kind: "TOWNSHIP", code: township.code }
      : department.code !== undefined
        ? { kind: "DEPARTMENT", code: department.code }
        : null;
  const expected = indicator?.subject;
  if (party === null) {
    for (const issue of [...township.ambiguous, ...department.ambiguous])
      log.add(issue.code, at, issue.message);
    if (township.ambiguous.length + department.ambiguous.length === 0)
      log.add(
        expected === "DEPARTMENT" ? "UNKNOWN_DEPARTMENT" : "UNKNOWN_TOWNSHIP",
        at,
        `未知的考核对象“${text}”:须为乡镇(街道)或部门的编码或名称`,
      );
    return null;
  }
  if (indicator !== undefined && party.kind !== indicator.subject) {
    log.add(
      indicator.subject === "TOWNSHIP" ? "UNKNOWN_TOWNSHIP" : "UNKNOWN_DEPARTMENT",
      at,
      `指标 ${indicator.code} 考核${SUBJECT_NAMES[indicator.subject]},考核对象“${text}”却是${SUBJECT_NAMES[party.kind]}`,
      "S1",
    );
    return null;
  }
  return party;
}

/** 乡镇(街道): the township whose lists judge the record; a township subject's own (S7). */
function readTownship(record: RecordRow, parties: Parties, subject: PartyRef | null, log: IssueLog) {
  const text = requiredText(record, "township", log, "乡镇(街道)的名称或编码");
  if (text === null) return null;
  const code = parties.townships.resolve(text, record.at("township"), log, "UNKNOWN_TOWNSHIP") ?? null;
  if (code !== null && subject?.kind === "TOWNSHIP" && subject.code !== code) {
    log.add(
      "DOMAIN",
      record.at("township"),
      `考核对象为乡镇(街道)时,记录按其本身的清单评判,乡镇(街道)须与考核对象相同(考核对象为 ${subject.code},此处为 ${code})`,
      "S7",
    );
    return null;
  }
  return code;
}

/** 事项编码 and 事项说明: a catalogue item, or an off-list matter in words (kept: S7). */
function readMatter(record: RecordRow, parties: Parties, log: IssueLog) {
  const itemCode = record.text("itemCode");
  const matter = record.text("matter");
  if (itemCode !== "" && !parties.items.has(itemCode)) {
    log.add(
      "UNKNOWN_ITEM",
      record.at("itemCode"),
      `事项编码 ${itemCode} 不在本县事项目录中:须为目录中的编码;清单外事项请留空并填写事项说明`,
    );
  } else if (itemCode === "" && matter === "") {
    log.add(
      "REQUIRED",
      record.at("matter"),
      "事项编码为空(清单外事项)时事项说明不能为空:写明记录所涉的事项(清单外事项不计分,但须列明,S7)",
      "S7",
    );
  }
  return { itemCode: itemCode === "" ? null : itemCode, matter: matter === "" ? null : matter };
}

/** The value columns each scoring method reads (S8); the others must stay empty. */
const VALUE_COLUMNS: Readonly<Record<ScoringMethodKind, readonly ColumnKey<"records">[]>> = {
  RATIO: ["achieved", "target"],
  DEDUCTION: ["events"],
  GRADED: ["score"],
  PASS_FAIL: ["passed"],
};
const ALL_VALUE_COLUMNS = Object.values(VALUE_COLUMNS).flat();

function readValue(record: RecordRow, indicator: Indicator, log: IssueLog): RecordValue | null {
  const kind = indicator.method.kind;
  for (const key of ALL_VALUE_COLUMNS) {
    if (VALUE_COLUMNS[kind].includes(key) || record.text(key) === "") continue;
    log.add(
      "UNKNOWN_VALUE",
      record.at(key),
      `指标 ${indicator.code} 的计分方法为“${METHOD_WORDS.written[kind]}”,只填${VALUE_COLUMNS[kind].map((k) => record.at(k).header ?? k).join("、")},此列应留空`,
      "S8",
    );
  }
  switch (kind) {
    case "RATIO": {
      const achieved = requiredDecimal(record, "achieved", { min: 0, minInclusive: true, ruleId: "S8" }, log);
      const target = requiredDecimal(record, "target", { min: 0, minInclusive: false, ruleId: "S8" }, log);
      return achieved === null || target === null ? null : { kind, achieved, target };
    }
    case "DEDUCTION": {
      const events = requiredInteger(record, "events", 0, log);
      return events === null ? null : { kind, events };
    }
    case "GRADED": {
      const score = requiredDecimal(record, "score", { min: 0, minInclusive: true, ruleId: "S8" }, log);
      return score === null ? null : { kind, score };
    }
    case "PASS_FAIL": {
      const passed = requiredBoolean(record, "passed", log);
      return passed === null ? null : { kind, passed };
    }
  }
}

function readIndicator(
  record: RecordRow,
  lookup: IndicatorLookup | null,
  log: IssueLog,
): Indicator | undefined {
  const code = requiredText(record, "indicatorCode", log, "考核方案中二级指标的编码");
  if (code === null || lookup === null) return undefined;
  const indicator = lookup.indicators.get(code);
  if (indicator === undefined && !lookup.broken.has(code))
    log.add("UNKNOWN_INDICATOR", record.at("indicatorCode"), `指标编码 ${code} 不是考核方案中的二级指标`);
  return indicator;
}

function readRecordRow(
  record: RecordRow,
  id: string | null,
  parties: Parties,
  lookup: IndicatorLookup | null,
  log: IssueLog,
): PerformanceRecord | null {
  const before = log.size;
  const indicator = readIndicator(record, lookup, log);
  const subject = readSubject(record, parties, indicator, log);
  const townshipCode = readTownship(record, parties, subject, log);
  const { itemCode, matter } = readMatter(record, parties, log);
  const date = parseDateCell(record.cell("date"));
  if (date === null) log.add("REQUIRED", record.at("date"), "日期不能为空:应如 2025-07-01");
  if (date === undefined)
    log.add("NOT_A_DATE", record.at("date"), `日期“${record.text("date")}”不是日期:应如 2025-07-01`);
  const value = indicator === undefined ? null : readValue(record, indicator, log);
  if (log.size !== before || id === null || indicator === undefined) return null;
  if (subject === null || townshipCode === null || date == null || value === null) return null;
  const { countyCode } = parties;
  return {
    id,
    countyCode,
    indicatorCode: indicator.code,
    subject,
    townshipCode,
    itemCode,
    matter,
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
  const performance = sheet.records.flatMap((record) => {
    const read = readRecordRow(record, claimId(record, rows, log), parties, lookup, log);
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

function readRatingRow(record: RatingRow, id: string | null, parties: Parties, log: IssueLog) {
  const before = log.size;
  const year = requiredInteger(record, "year", 1, log);
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
  const score = requiredDecimal(record, "score", { min: 0, minInclusive: true, max: 100, ruleId: "S6" }, log);
  if (log.size !== before || id === null || year === null || score === null) return null;
  if (townshipCode === undefined || departmentCode === undefined) return null;
  const rating: DepartmentRating = {
    id,
    countyCode: parties.countyCode,
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
  const ratings = sheet.records.flatMap((record) => {
    const read = readRatingRow(record, claimId(record, rows, log), parties, log);
    return read === null ? [] : [read];
  });
  return { ratings, rows };
}
