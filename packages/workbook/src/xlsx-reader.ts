import { open } from "node:fs/promises";
import ExcelJS from "exceljs";
import { sniffXlsx } from "./file-signature.ts";
import { type Cell, columnLetter, type SheetRow, type SheetTable } from "./sheet-table.ts";
import { failFile, WorkbookFileFailure } from "./workbook-file-error.ts";

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

/** The caps a read keeps to (see `SHEET_LIMITS`). */
export interface SheetCaps {
  readonly columns: number;
  readonly rows: number;
}

// Reading a workbook whole takes some 20 times its XML in memory: past this many bytes of
// uncompressed parts, a workbook the streamed read failed on is refused rather than read whole.
export const WHOLE_READ_MAX_BYTES = 24 * 1024 * 1024;

/** The worksheets of the .xlsx file at `path`, in tab order; a malformed file is a `WorkbookFileFailure`. */
export async function readXlsxFile(path: string, progress: Progress, caps: SheetCaps): Promise<SheetTable[]> {
  const { uncompressedBytes } = await sniffXlsx(path);
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
      const named = untyped(worksheet, "name");
      const place = { path, sheet: typeof named === "string" ? named : `Sheet${sheets.length + 1}` };
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        const cells = rowCells(row, date1904, caps, place);
        if (!isBlank(cells)) rows.push({ rowNumber: checkRow(row.number, caps, place), cells });
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
  // their styles unread, or failing outright. Such a read is done again from the zip's directory,
  // whole — only when the workbook is small enough for that (`WHOLE_READ_MAX_BYTES`).
  let streamed: SheetTable[] | null = null;
  let failure: unknown = null;
  try {
    const sheets = await Promise.race([read(), failed]);
    const listed = untyped(untyped(reader, "model"), "sheets");
    if (Array.isArray(listed)) streamed = inTabOrder(sheets, listed);
  } catch (error) {
    // A cap exceeded is the answer, whichever way the file is read.
    if (error instanceof WorkbookFileFailure) throw error;
    failure = error;
  } finally {
    input.destroy();
    await handle.close().catch(() => undefined);
  }
  if (streamed !== null) return streamed;
  if (uncompressedBytes > WHOLE_READ_MAX_BYTES)
    failFile(
      "TOO_LARGE",
      { path },
      `无法逐行读取(${describe(failure)}),且解压后有 ${Math.round(uncompressedBytes / 1048576)} MB,` +
        `超过整体读取的上限 ${WHOLE_READ_MAX_BYTES / 1048576} MB:请在 Excel 中另存为 .xlsx 后重试,或导出为 CSV`,
    );
  try {
    return await readWholeXlsx(path, caps);
  } catch (error) {
    if (error instanceof WorkbookFileFailure) throw error;
    // The zip or XML library's own words ("invalid signature: 0x…") tell a county clerk little.
    return failFile(
      "DAMAGED",
      { path },
      `是 .xlsx 工作簿,但内容已损坏,无法读取(${describe(failure ?? error)}):${SAVE_AGAIN}`,
    );
  }
}

const SAVE_AGAIN = "请在 Excel 中打开并另存为 .xlsx,或重新获取文件";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkRow(rowNumber: number, caps: SheetCaps, place: { path: string; sheet: string }): number {
  if (rowNumber > caps.rows)
    failFile(
      "TOO_MANY_ROWS",
      { ...place, row: rowNumber },
      `超过每个工作表 ${caps.rows.toLocaleString("en-US")} 行的上限:请把数据分成几个文件导入`,
    );
  return rowNumber;
}

/** The workbook read whole (not streamed), its sheets in tab order, cells as `readXlsxFile` reads them. */
async function readWholeXlsx(path: string, caps: SheetCaps): Promise<SheetTable[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const date1904 = workbook.properties.date1904 === true;
  const sheets: SheetTable[] = [];
  workbook.eachSheet((worksheet) => {
    const place = { path, sheet: worksheet.name };
    const rows: SheetRow[] = [];
    worksheet.eachRow((row) => {
      const cells = rowCells(row, date1904, caps, place);
      if (!isBlank(cells)) rows.push({ rowNumber: checkRow(row.number, caps, place), cells });
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

function rowCells(
  row: ExcelJS.Row,
  date1904: boolean,
  caps: SheetCaps,
  place: { readonly path: string; readonly sheet: string },
): Cell[] {
  const cells: Cell[] = [];
  // Only cells that hold something are visited; empty ones (however far right) allocate nothing.
  row.eachCell((cell, column) => {
    const value = cellOf(cell.value, cell.numFmt, date1904);
    if (value === null) return;
    if (column > caps.columns)
      failFile(
        "TOO_MANY_COLUMNS",
        { ...place, row: row.number, column: columnLetter(column - 1) },
        `单元格超出每个工作表 ${caps.columns} 列(${columnLetter(caps.columns - 1)} 列)的上限:` +
          "请删除表格右侧多余的列(含看不见的内容)后另存",
      );
    for (let i = cells.length; i < column - 1; i++) cells.push(null);
    cells[column - 1] = value;
  });
  return cells;
}

/**
 * Excel writes characters XML cannot carry (control characters, lone surrogates) as `_xHHHH_`
 * (OOXML ST_Xstring), and a literal `_x` as `_x005F_x`; ExcelJS hands them over undecoded.
 */
function unescapeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

function isDateFormat(format: string | undefined): boolean {
  // As exceljs decides for plain cells: date letters outside [colour] and "literal" parts.
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/**
 * The text of a formula cell with no usable result: none saved (a file written by a program, not
 * recalculated), or an error (#REF!, …: the streaming reader parses `t="e"` as NaN, so it cannot
 * name it; the whole-file reader is made to say the same).
 */
export const FORMULA_ERROR = "#ERROR!";

function cellOf(value: ExcelJS.CellValue, format: string | undefined, date1904: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : unescapeXstring(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ("richText" in value) return cellOf(value.richText.map((run) => run.text).join(""), format, date1904);
  if ("hyperlink" in value) return cellOf(value.text, format, date1904);
  if ("formula" in value || "sharedFormula" in value) {
    // An error result is FORMULA_ERROR too, as the streaming reader can only see it: the same
    // file reads the same whichever reader read it.
    const result = value.result;
    if (
      result === undefined ||
      (typeof result === "number" && Number.isNaN(result)) ||
      (typeof result === "object" && result !== null && "error" in result)
    )
      return FORMULA_ERROR;
    const cell = cellOf(result, format, date1904);
    // The streaming reader leaves a formula's result a number even when the cell shows a date.
    if (typeof cell !== "number" || !isDateFormat(format)) return cell;
    return new Date(Math.round((cell - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  }
  // An error value (#N/A, #REF!, …) is kept as its text, for the checks to name (see `cellProblem`).
  if ("error" in value) return typeof value.error === "string" ? value.error : null;
  return null;
}
