import { isIsoDate } from "@dutylist/core";
import type ExcelJS from "exceljs";
import type { Cell, ColumnFormat } from "./sheet-table.ts";

// Cells as the .xlsx writer types them: numbers as numbers and dates as dates, so that Excel's SUM,
// filters and pivot tables work on an export; text where typing would change what the cell says.

/** What one cell is written as: its value and, for numbers and dates, the number format shown. */
export interface XlsxCell {
  readonly value: Exclude<ExcelJS.CellValue, null | undefined>;
  readonly numFmt: string | null;
}

const DATE_FORMAT = "yyyy-mm-dd";
const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

/** `0`, `0.0`, `0.00`, …: as many places as the figure was presented with. */
function placesFormat(places: number): string {
  return places === 0 ? "0" : `0.${"0".repeat(places)}`;
}

/**
 * A decimal string as a number, only when the number says exactly that decimal (a double holds
 * about 15 significant digits; a longer or larger figure stays text, so no digit is lost).
 */
function exactNumber(text: string): number | null {
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const value = Number(text);
  // The decimal in its shortest form (no leading or trailing zeros), as `String` prints a double.
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  const shortest = fraction === "" ? whole : `${whole}.${fraction}`;
  return String(Math.abs(value)) === shortest ? value : null;
}

/**
 * A calendar date as the Excel date of that day: UTC midnight, which exceljs turns into a whole
 * serial number whatever the machine's zone (and the readers turn back into the same day).
 */
function excelDate(text: string): Date | null {
  if (!isIsoDate(text)) return null;
  const [year, month, day] = text.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
}

/**
 * How a cell is written to .xlsx under its column's format; `null` for an empty cell.
 * @example xlsxCell("78.50", "number") // { value: 78.5, numFmt: "0.00" }
 * @example xlsxCell("2025-07-01", "date") // { value: 2025-07-01T00:00:00.000Z, numFmt: "yyyy-mm-dd" }
 */
export function xlsxCell(cell: Cell, format: ColumnFormat | undefined): XlsxCell | null {
  if (cell === null) return null;
  if (cell instanceof Date) return { value: cell, numFmt: DATE_FORMAT };
  if (typeof cell === "number") return { value: cell, numFmt: Number.isInteger(cell) ? "0" : null };
  if (typeof cell === "string" && format === "number") {
    const value = exactNumber(cell);
    if (value !== null) return { value, numFmt: placesFormat(DECIMAL.exec(cell)?.[2]?.length ?? 0) };
  }
  if (typeof cell === "string" && format === "date") {
    const value = excelDate(cell);
    if (value !== null) return { value, numFmt: DATE_FORMAT };
  }
  return { value: cell, numFmt: null };
}
