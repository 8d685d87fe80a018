import { open } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Cell, SheetRow, SheetTable } from "./sheet-table.ts";

// Reading an .xlsx workbook into raw tables: streamed row by row (ExcelJS's streaming reader),
// read again whole when the stream falls short; cells as the workbook shows them.

/** Rows read or written so far, reported every so often (`readWorkbook`, `writeWorkbook`). */
export interface Progress {
  add(rows: number): void;
  finish(): void;
}

/** A row with nothing in it but empty or blank cells. */
export function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((cell) => cell === null || (typeof cell === "string" && cell.trim() === ""));
}

const READER_OPTIONS = {
  sharedStrings: "cache",
  worksheets: "emit",
  hyperlinks: "ignore",
  // Only with cached styles does the reader see a cell's number format and return a Date for a
  // date-formatted cell; with "ignore" dates come back as serial numbers.
  styles: "cache",
  entries: "emit",
} as const;

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** A property exceljs sets at run time but its type declarations do not name. */
export function untyped(value: unknown, key: string): unknown {
  return isObject(value) ? Reflect.get(value, key) : undefined;
}

/** The worksheets of the .xlsx file at `path`, in tab order. */
export async function readXlsxFile(path: string, progress: Progress): Promise<SheetTable[]> {
  // Opening first turns a missing file into a rejection; the reader would otherwise wait forever.
  const handle = await open(path, "r");
  const input = handle.createReadStream();
  const failed = new Promise<never>((_, reject) => input.once("error", reject));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, READER_OPTIONS);
  const read = async () => {
    const sheets: SheetTable[] = [];
    for await (const worksheet of reader) {
      // The reader keeps the <workbookPr> xform in `properties`; the flag is on its model.
      const date1904 = untyped(untyped(untyped(reader, "properties"), "model"), "date1904") === true;
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        const cells = rowCells(row, date1904);
        if (!isBlank(cells)) rows.push({ rowNumber: row.number, cells });
        progress.add(1);
      }
      const name = untyped(worksheet, "name");
      sheets.push({ name: typeof name === "string" ? name : `Sheet${sheets.length + 1}`, rows });
    }
    return sheets;
  };
  // The streaming reader sets worksheets that come before the workbook part (as ExcelJS's own
  // writer orders them) aside and reads them at the end; its zip stream can end before the
  // workbook part is read (more often on small files), leaving the sheets named Sheet1… with
  // their styles unread, or failing outright. Such a read is done again from the zip's directory.
  let streamed: SheetTable[] | null = null;
  let failure: unknown = null;
  try {
    const sheets = await Promise.race([read(), failed]);
    const listed = untyped(untyped(reader, "model"), "sheets");
    if (Array.isArray(listed)) streamed = inTabOrder(sheets, listed);
  } catch (error) {
    failure = error;
  } finally {
    input.destroy();
  }
  if (streamed !== null) return streamed;
  try {
    return await readWholeXlsx(path);
  } catch (error) {
    // The zip library's own words ("invalid signature: 0x…") tell a county clerk nothing.
    const cause = failure ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `无法读取 ${path}:不是有效的 .xlsx 工作簿(${reason});加密的工作簿或改了扩展名的 .xls 文件须在 Excel 中另存为 .xlsx`,
      { cause },
    );
  }
}

/** The workbook read whole (not streamed), its sheets in tab order, cells as `readXlsxFile` reads them. */
async function readWholeXlsx(path: string): Promise<SheetTable[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const date1904 = workbook.properties.date1904 === true;
  const sheets: SheetTable[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: SheetRow[] = [];
    worksheet.eachRow((row) => {
      const cells = rowCells(row, date1904);
      if (!isBlank(cells)) rows.push({ rowNumber: row.number, cells });
    });
    sheets.push({ name: worksheet.name, rows });
  });
  return sheets;
}

/** Worksheets come in the order of the zip entries; the workbook lists them in tab order. */
function inTabOrder(sheets: SheetTable[], listed: unknown): SheetTable[] {
  if (!Array.isArray(listed)) return sheets;
  const names: unknown[] = listed.map((sheet: unknown) => untyped(sheet, "name"));
  const rank = (sheet: SheetTable) => {
    const index = names.indexOf(sheet.name);
    return index < 0 ? names.length : index;
  };
  return sheets.sort((a, b) => rank(a) - rank(b));
}

function rowCells(row: ExcelJS.Row, date1904: boolean): Cell[] {
  const cells: Cell[] = [];
  row.eachCell((cell, column) => {
    const value = cellOf(cell.value, cell.numFmt, date1904);
    if (value === null) return;
    for (let i = cells.length; i < column - 1; i++) cells.push(null);
    cells[column - 1] = value;
  });
  return cells;
}

function isDateFormat(format: string | undefined): boolean {
  // As exceljs decides for plain cells: date letters outside [colour] and "literal" parts.
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function cellOf(value: ExcelJS.CellValue, format: string | undefined, date1904: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ("richText" in value) return cellOf(value.richText.map((run) => run.text).join(""), format, date1904);
  if ("hyperlink" in value) return cellOf(value.text, format, date1904);
  if ("formula" in value || "sharedFormula" in value) {
    const result = cellOf(value.result, format, date1904);
    // The streaming reader leaves a formula's result a number even when the cell shows a date.
    if (typeof result !== "number" || !isDateFormat(format)) return result;
    return new Date(Math.round((result - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  }
  return null; // an error value (#N/A, #REF!, …)
}
