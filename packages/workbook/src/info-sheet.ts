import type { IsoDate } from "@dutylist/core";
import { parseDateCell, parseIntegerCell } from "./cell-values.ts";
import {
  type ColumnKey,
  INFO_ALIASES,
  INFO_FIELDS,
  type InfoField,
  normalizeHeader,
  SHEETS,
} from "./format.ts";
import { bindSheet, type IssueLog, type SheetRecord } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";

/** The 清单信息 sheet read: each field's row, by field. */
export class InfoValues {
  private readonly reported = new Set<InfoField>();

  constructor(
    private readonly rows: ReadonlyMap<InfoField, SheetRecord<ColumnKey<"info">>>,
    private readonly sheetAt: CellLocation | null,
  ) {}

  /** The field's text, `null` when absent or empty. */
  text(field: InfoField): string | null {
    const text = this.rows.get(field)?.text("value") ?? "";
    return text === "" ? null : text;
  }

  /** Where the field's value is (or the sheet, or `null` without a 清单信息 sheet). */
  at(field: InfoField): CellLocation | null {
    return this.rows.get(field)?.at("value") ?? this.sheetAt;
  }

  /** The field as a date; a value that is not a date is logged and read as `null`. */
  date(field: InfoField, log: IssueLog): IsoDate | null {
    const row = this.rows.get(field);
    if (row === undefined) return null;
    const date = parseDateCell(row.cell("value"));
    if (date === undefined) {
      if (this.reported.has(field)) return null;
      this.reported.add(field);
      log.add(
        "NOT_A_DATE",
        row.at("value"),
        `“${INFO_FIELDS[field]}”不是日期:${row.text("value")}(应如 2025-07-01)`,
      );
      return null;
    }
    return date;
  }

  /**
   * The 数据版本 an export recorded (the county's stored revision), `null` for a hand-made
   * workbook; a value that is not a whole number is logged and read as `null`.
   */
  revision(log: IssueLog): bigint | null {
    const row = this.rows.get("revision");
    if (row === undefined) return null;
    const text = row.text("value");
    if (/^\d{1,30}$/.test(text)) return BigInt(text);
    if (!this.reported.has("revision")) {
      this.reported.add("revision");
      log.add(
        "NOT_A_NUMBER",
        row.at("value"),
        `“${INFO_FIELDS.revision}”须为导出时记录的整数:${text}(请勿修改此项;手工制作的工作簿不填)`,
      );
    }
    return null;
  }

  /** The field as a whole number; anything else is logged and read as `null`. */
  integer(field: InfoField, log: IssueLog): number | null {
    const row = this.rows.get(field);
    if (row === undefined) return null;
    const n = parseIntegerCell(row.cell("value"));
    if (n === undefined) {
      if (this.reported.has(field)) return null;
      this.reported.add(field);
      log.add("NOT_A_NUMBER", row.at("value"), `“${INFO_FIELDS[field]}”须为整数:${row.text("value")}`);
      return null;
    }
    return n;
  }
}

const DATE_FIELDS: readonly InfoField[] = [
  "publishedOn",
  "effectiveFrom",
  "asOf",
  "countyApprovedOn",
  "provinceApprovedOn",
];

const FIELD_BY_NAME: ReadonlyMap<string, InfoField> = new Map(
  (Object.keys(INFO_FIELDS) as InfoField[]).flatMap((field) =>
    [INFO_FIELDS[field], ...INFO_ALIASES[field], field].map(
      (name) => [normalizeHeader(name), field] as const,
    ),
  ),
);

/**
 * Reads the 清单信息 sheet (项目 | 内容, one field per row). Unknown fields and fields given twice
 * are logged; without the sheet every field is absent.
 * @example readInfo(tables, log).text("countyCode") // "QX"
 */
export function readInfo(tables: WorkbookTables, log: IssueLog): InfoValues {
  const sheet = bindSheet(tables, SHEETS.info, log);
  if (sheet === undefined) return new InfoValues(new Map(), null);
  const rows = new Map<InfoField, SheetRecord<ColumnKey<"info">>>();
  for (const record of sheet.records) {
    const name = record.text("field");
    const field = FIELD_BY_NAME.get(normalizeHeader(name));
    if (field === undefined) {
      log.add(
        "UNKNOWN_VALUE",
        record.at("field"),
        `未知的项目“${name}”:可用的项目有 ${Object.values(INFO_FIELDS).join("、")}`,
      );
    } else if (rows.has(field)) {
      log.add("DUPLICATE_CODE", record.at("field"), `项目“${INFO_FIELDS[field]}”重复`);
    } else rows.set(field, record);
  }
  const sheetAt: CellLocation = {
    file: sheet.file,
    sheet: sheet.name,
    row: null,
    column: null,
    header: null,
  };
  const info = new InfoValues(rows, sheetAt);
  // Every date and number is checked here, whether or not this import goes on to use it.
  for (const field of DATE_FIELDS) info.date(field, log);
  info.integer("planYear", log);
  info.revision(log);
  return info;
}
