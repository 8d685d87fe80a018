// What a cell says, read as text, a date, a decimal, an integer, a yes/no or a list of names.
import { type IsoDate, isIsoDate } from "@dutylist/core";
import type { Cell } from "./sheet-table.ts";

/**
 * A cell as trimmed text: numbers in plain notation, dates as `YYYY-MM-DD`, booleans as 是/否.
 * @example cellText(12) // "12"
 */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "是" : "否";
  return dateOfCell(cell);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function dateOfCell(date: Date): string {
  // Spreadsheet dates carry no zone: the libraries hand them over as UTC midnight.
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

// Day 25569 of Excel's 1900 calendar is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;

/**
 * Reads a date cell: a spreadsheet date, an Excel serial number, or text such as `2025-07-01`,
 * `2025/7/1`, `2025.7.1` or `2025年7月1日`. `null` for an empty cell, `undefined` when the cell
 * holds something that is not a date.
 * @example parseDateCell("2025年7月1日") // "2025-07-01"
 */
export function parseDateCell(cell: Cell): IsoDate | null | undefined {
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) return null;
  let text: string | undefined;
  if (cell instanceof Date) text = Number.isNaN(cell.getTime()) ? undefined : dateOfCell(cell);
  else if (typeof cell === "number") {
    text =
      Number.isInteger(cell) && cell > 0 && cell < 2958466
        ? dateOfCell(new Date((cell - EXCEL_EPOCH_OFFSET) * 86400000))
        : undefined;
  } else if (typeof cell === "string") {
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
    if (match !== null) text = `${match[1]}-${pad(Number(match[2]), 2)}-${pad(Number(match[3]), 2)}`;
  }
  return text !== undefined && isIsoDate(text) ? (text as IsoDate) : undefined;
}

/**
 * Splits a cell into lines (one task, one cooperation duty, one citation per line).
 * @example splitLines("巡查\n报告\n") // ["巡查", "报告"]
 */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/**
 * Splits a cell naming several parties: separated by 、 , ， ; ； or line breaks.
 * @example splitNames("县应急管理局、县消防救援大队") // ["县应急管理局", "县消防救援大队"]
 */
export function splitNames(text: string): string[] {
  return text
    .split(/[、,，;；\r\n]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/**
 * Reads an exact decimal: a number cell or text like `12.5`. `null` when empty, `undefined` when
 * not a number.
 * @example parseDecimalCell("12.50") // "12.50"
 */
export function parseDecimalCell(cell: Cell): string | null | undefined {
  if (cell === null) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : undefined;
  const text = cellText(cell);
  if (text === "") return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/**
 * Reads a whole number. `null` when empty, `undefined` when not a whole number.
 * @example parseIntegerCell("3") // 3
 */
export function parseIntegerCell(cell: Cell): number | null | undefined {
  const decimal = parseDecimalCell(cell);
  if (decimal === null || decimal === undefined) return decimal;
  const n = Number(decimal);
  return Number.isSafeInteger(n) ? n : undefined;
}

const TRUE_WORDS = new Set(["是", "达标", "合格", "通过", "true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["否", "不达标", "不合格", "未通过", "false", "no", "n", "0"]);

/**
 * Reads a yes/no cell (是/否, 达标/不达标, true/false, 1/0).
 * @example parseBooleanCell("达标") // true
 */
export function parseBooleanCell(cell: Cell): boolean | null | undefined {
  if (typeof cell === "boolean") return cell;
  const text = cellText(cell).toLowerCase();
  if (text === "") return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}
