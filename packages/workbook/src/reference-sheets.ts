import type { Department, Township, TownshipKind } from "@dutylist/core";
import { type ColumnKey, SHEETS, type SheetSpec } from "./format.ts";
import {
  type BoundSheet,
  bindSheet,
  type IssueLog,
  NameDirectory,
  type SheetRecord,
} from "./sheet-reader.ts";
import type { WorkbookTables } from "./sheet-table.ts";

// The 乡镇(街道) and 部门 sheets: the parties the list sheets name.

const KIND_WORDS: ReadonlyMap<string, TownshipKind> = new Map([
  ["镇", "TOWN"],
  ["town", "TOWN"],
  ["乡", "TOWNSHIP"],
  ["township", "TOWNSHIP"],
  ["街道", "SUBDISTRICT"],
  ["subdistrict", "SUBDISTRICT"],
]);

export const TOWNSHIP_KIND_NAMES: Readonly<Record<TownshipKind, string>> = {
  TOWN: "镇",
  TOWNSHIP: "乡",
  SUBDISTRICT: "街道",
};

/**
 * The kind a township's name implies: …街道 a subdistrict, …乡 a township, otherwise a town.
 * @example kindOfName("城关街道") // "SUBDISTRICT"
 */
export function kindOfName(name: string): TownshipKind {
  if (name.endsWith("街道")) return "SUBDISTRICT";
  if (name.endsWith("乡")) return "TOWNSHIP";
  return "TOWN";
}

/** The parties a workbook names, and which of them its list sheets speak for. */
export interface ReferenceData {
  readonly townships: readonly Township[];
  readonly departments: readonly Department[];
  /**
   * The townships whose lists the workbook gives in full: those of its 乡镇(街道) sheet, or
   * `null` without one (then only the townships its list rows name).
   */
  readonly scope: readonly string[] | null;
  readonly townshipNames: NameDirectory;
  readonly departmentNames: NameDirectory;
}

/** A row of 乡镇(街道) or 部门: both sheets have a code and a name column. */
type CodedRecord = SheetRecord<ColumnKey<"townships"> | ColumnKey<"departments">>;

interface CodedRow {
  readonly record: CodedRecord;
  readonly code: string;
  readonly name: string;
}

/** The sheet's rows with a code and a name; `refused` holds what the refused rows named. */
function codedRows(
  sheet: BoundSheet<ColumnKey<"townships"> | ColumnKey<"departments">>,
  what: string,
  log: IssueLog,
): { rows: CodedRow[]; refused: string[] } {
  const seen = new Map<string, number>();
  const rows: CodedRow[] = [];
  const refused: string[] = [];
  for (const record of sheet.records) {
    const code = record.text("code");
    const name = record.text("name");
    if (code === "") log.add("REQUIRED", record.at("code"), `${what}编码不能为空`);
    if (name === "") log.add("REQUIRED", record.at("name"), `${what}名称不能为空`);
    if (code === "" || name === "") {
      refused.push(...[code, name].filter((text) => text !== ""));
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      log.add("DUPLICATE_CODE", record.at("code"), `${what}编码 ${code} 重复(第${first}行已有)`, "L1");
      refused.push(name);
      continue;
    }
    seen.set(code, record.rowNumber);
    rows.push({ record, code, name });
  }
  return { rows, refused };
}

function townshipOf(row: CodedRow, countyCode: string, log: IssueLog): Township {
  const word = row.record.text("kind");
  const kind = word === "" ? kindOfName(row.name) : KIND_WORDS.get(word.toLowerCase());
  if (kind === undefined)
    log.add("UNKNOWN_VALUE", row.record.at("kind"), `类型“${word}”无法识别:应为 镇、乡 或 街道`);
  return { code: row.code, countyCode, name: row.name, kind: kind ?? kindOfName(row.name) };
}

/**
 * Checks a sheet's parties against those already stored: a workbook may not add or rename a
 * township or department of a stored county (the lists would silently change hands).
 */
function checkAgainstStored(
  rows: readonly CodedRow[],
  stored: readonly { readonly code: string; readonly name: string }[],
  what: string,
  log: IssueLog,
): void {
  const byCode = new Map(stored.map((party) => [party.code, party]));
  for (const row of rows) {
    const known = byCode.get(row.code);
    if (known === undefined)
      log.add(
        what === "乡镇(街道)" ? "UNKNOWN_TOWNSHIP" : "UNKNOWN_DEPARTMENT",
        row.record.at("code"),
        `库中该县没有${what} ${row.code}:导入清单不新增${what},请先核对编码`,
      );
    else if (known.name !== row.name)
      log.add(
        "HISTORY_CONFLICT",
        row.record.at("name"),
        `${what} ${row.code} 在库中名为“${known.name}”,此处为“${row.name}”`,
      );
  }
}

function readSheet<K extends string>(
  tables: WorkbookTables,
  spec: SheetSpec<K>,
  required: boolean,
  log: IssueLog,
): BoundSheet<K> | undefined {
  const sheet = bindSheet(tables, spec, log);
  if (sheet === undefined && required) {
    log.add(
      "MISSING_SHEET",
      { file: tables.source, sheet: spec.name, row: null, column: null, header: null },
      `缺少“${spec.name}”工作表:新导入的县须列明其乡镇(街道)和部门`,
    );
  }
  return sheet;
}

/**
 * Reads the 乡镇(街道) and 部门 sheets. For a county not yet stored both are required and
 * define its parties; for a stored county they may be omitted (the stored ones are used) and
 * must agree with what is stored. The 乡镇(街道) sheet also sets the scope: the townships whose
 * lists the workbook gives in full.
 * @example readReferenceData(tables, "QX", null, log).townships.length // 5
 */
export function readReferenceData(
  tables: WorkbookTables,
  countyCode: string,
  stored: { readonly townships: readonly Township[]; readonly departments: readonly Department[] } | null,
  log: IssueLog,
): ReferenceData {
  const townshipSheet = readSheet(tables, SHEETS.townships, stored === null, log);
  const departmentSheet = readSheet(tables, SHEETS.departments, stored === null, log);
  const none = { rows: [], refused: [] };
  const townshipSheetRows = townshipSheet === undefined ? none : codedRows(townshipSheet, "乡镇(街道)", log);
  const departmentSheetRows = departmentSheet === undefined ? none : codedRows(departmentSheet, "部门", log);
  const townshipRows = townshipSheetRows.rows;
  const departmentRows = departmentSheetRows.rows;
  let townships: readonly Township[];
  let departments: readonly Department[];
  if (stored === null) {
    townships = townshipRows.map((row) => townshipOf(row, countyCode, log));
    departments = departmentRows.map((row) => ({ code: row.code, countyCode, name: row.name }));
  } else {
    checkAgainstStored(townshipRows, stored.townships, "乡镇(街道)", log);
    checkAgainstStored(departmentRows, stored.departments, "部门", log);
    townships = stored.townships;
    departments = stored.departments;
  }
  const known = new Set(townships.map((t) => t.code));
  return {
    townships,
    departments,
    scope:
      townshipSheet === undefined ? null : townshipRows.map((row) => row.code).filter((c) => known.has(c)),
    townshipNames: new NameDirectory("乡镇(街道)", townships, townshipSheetRows.refused),
    departmentNames: new NameDirectory("部门", departments, departmentSheetRows.refused),
  };
}
