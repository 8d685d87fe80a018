import { EventEmitter, once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { err, ok, type Result } from "@dutylist/core";
import ExcelJS from "exceljs";
import { CSV_BOM, CsvSyntaxError, csvLines, parseCsv, restoreFormulaText } from "./csv.ts";
import { decodeCsv, detectSeparator } from "./csv-text.ts";
import {
  type Cell,
  columnLetter,
  type OutputSheet,
  type SheetRow,
  type SheetTable,
  type WorkbookTables,
} from "./sheet-table.ts";
import {
  failFile,
  SHEET_LIMITS,
  type WorkbookFileError,
  WorkbookFileFailure,
} from "./workbook-file-error.ts";
import { xlsxCell } from "./xlsx-cells.ts";
import { isBlank, type Progress, readXlsxFile, type SheetCaps, untyped } from "./xlsx-reader.ts";

// The files a county's spreadsheets live in: an .xlsx workbook, one .csv file, or a folder of .csv
// files (one per sheet). Both directions stream, so that lists of hundreds of thousands of rows
// neither wait for nor hold the whole file.

/**
 * The most rows an Excel worksheet holds; a larger sheet must be written as CSV.
 * @example sheet.rows.length + 1 > EXCEL_MAX_ROWS // the sheet and its header do not fit
 */
export const EXCEL_MAX_ROWS = 1_048_576;

const PROGRESS_EVERY = 10_000;
// Rows written between two looks at whether the zip keeps up (see `drained`).
const ROWS_PER_CHECK = 1_000;
const KINDS = "应为 .xlsx 工作簿、.csv 文件或存放 .csv 文件的文件夹";

function progressOf(report: ((rows: number) => void) | undefined): Progress {
  let count = 0;
  let reported = 0;
  return {
    add(rows) {
      count += rows;
      if (report !== undefined && count - reported >= PROGRESS_EVERY) {
        reported = count;
        report(count);
      }
    },
    finish() {
      if (report !== undefined && count !== reported) report(count);
    },
  };
}

// ─── Reading ──────────────────────────────────────────────────────────────────────────────────

/** Options of `readWorkbook`. */
export interface ReadWorkbookOptions {
  /** Called with the rows read so far, every 10,000 rows and once at the end. */
  readonly onProgress?: (rowsRead: number) => void;
  /** The caps on columns and rows per sheet; `SHEET_LIMITS` unless told (tests use small ones). */
  readonly limits?: SheetCaps;
}

/**
 * Reads an `.xlsx` workbook (every worksheet, in tab order), one `.csv` file (a sheet named after
 * the file), or a folder (each `*.csv` in it, by name). Rows keep the numbers Excel shows; entirely
 * empty rows are left out. Date-formatted cells are `Date`s (UTC midnight of the day shown),
 * rich text and hyperlinks their text, formulas their result, errors their text (`#REF!`). A CSV
 * file is UTF-8, UTF-16 (by BOM or by its NUL bytes) or GB18030 (what Chinese Excel writes for
 * “CSV”) when it is not valid UTF-8; comma-, semicolon- or tab-separated (`detectSeparator`).
 * A file that cannot be read as a workbook — or a sheet past `SHEET_LIMITS` — is a failed result
 * naming what the file is and what was expected.
 * @example (await readWorkbookFile("lists.xlsx")).ok // false for a renamed .xls
 */
export async function readWorkbookFile(
  path: string,
  options: ReadWorkbookOptions = {},
): Promise<Result<WorkbookTables, WorkbookFileError>> {
  const progress = progressOf(options.onProgress);
  try {
    const sheets = await readSheets(path, progress, options.limits ?? SHEET_LIMITS);
    progress.finish();
    return ok({ source: path, sheets });
  } catch (error) {
    if (error instanceof WorkbookFileFailure) return err(error.error);
    throw error;
  }
}

/**
 * `readWorkbookFile` for callers that hold the file to be sound: a file error is thrown (as a
 * `WorkbookFileFailure` whose message names the file and what it is).
 * @example (await readWorkbook("lists.xlsx")).sheets.map((s) => s.name) // ["说明", "基本履职事项", …]
 */
export async function readWorkbook(path: string, options: ReadWorkbookOptions = {}): Promise<WorkbookTables> {
  const read = await readWorkbookFile(path, options);
  if (!read.ok) throw new WorkbookFileFailure(read.errors[0]);
  return read.value;
}

async function readSheets(path: string, progress: Progress, caps: SheetCaps): Promise<SheetTable[]> {
  const stats = await stat(path).catch(() => null);
  if (stats?.isDirectory() === true) {
    const files = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.csv$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    const sheets: SheetTable[] = [];
    for (const file of files) sheets.push(await readCsvFile(join(path, file), progress, caps));
    return sheets;
  }
  switch (extname(path).toLowerCase()) {
    case ".xlsx":
    case ".xlsm":
      return readXlsxFile(path, progress, caps);
    case ".csv":
      return [await readCsvFile(path, progress, caps)];
    default:
      throw new Error(`无法读取 ${path}:${KINDS}`);
  }
}

function csvRecords(path: string, sheet: string, text: string): string[][] {
  try {
    return parseCsv(text, { separator: detectSeparator(text) });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return failFile("MALFORMED_CSV", { path, sheet, row: error.row, column: error.column }, error.detail);
  }
}

async function readCsvFile(path: string, progress: Progress, caps: SheetCaps): Promise<SheetTable> {
  const { text } = decodeCsv(path, await readFile(path));
  const name = basename(path).replace(/\.csv$/i, "");
  const records = csvRecords(path, name, text);
  const rows: SheetRow[] = [];
  records.forEach((fields, index) => {
    // Trailing empty fields are dropped, as an .xlsx row ends at its last filled cell.
    let end = fields.length;
    while (end > 0 && fields[end - 1] === "") end -= 1;
    if (end > caps.columns)
      failFile(
        "TOO_MANY_COLUMNS",
        { path, sheet: name, row: index + 1, column: columnLetter(end - 1) },
        `有 ${end} 列,超过每个工作表 ${caps.columns} 列的上限:请删除多余的列`,
      );
    const cells = fields.slice(0, end).map((field) => (field === "" ? null : restoreFormulaText(field)));
    if (isBlank(cells)) return;
    if (index + 1 > caps.rows)
      failFile(
        "TOO_MANY_ROWS",
        { path, sheet: name, row: index + 1 },
        `超过每个工作表 ${caps.rows.toLocaleString("en-US")} 行的上限:请把数据分成几个文件导入`,
      );
    rows.push({ rowNumber: index + 1, cells });
  });
  progress.add(records.length);
  return { name, rows };
}

// ─── Writing ──────────────────────────────────────────────────────────────────────────────────

/** Options of `writeWorkbook`. */
export interface WriteWorkbookOptions {
  /** What to write; by default `.xlsx` paths get a workbook and any other path CSV. */
  readonly format?: "xlsx" | "csv";
  /** Called with the rows written so far, every 10,000 rows and once at the end. */
  readonly onProgress?: (rowsWritten: number) => void;
}

/**
 * Writes sheets as an `.xlsx` workbook (bold, frozen and filtered header row; cells typed by the
 * sheet's `formats`: numbers, dates; streamed row by row), as one
 * `.csv` file (exactly one sheet), or — for any other path — as a folder of `<sheet name>.csv`
 * files, created when missing. CSV is UTF-8 with a BOM. Refuses, before writing anything, a sheet
 * that Excel cannot hold (more than 1,048,576 rows with its header) or cannot name.
 * @example await writeWorkbook("lists.xlsx", listSheets(dataset, "2025-07-01"))
 */
export async function writeWorkbook(
  path: string,
  sheets: readonly OutputSheet[],
  options: WriteWorkbookOptions = {},
): Promise<void> {
  const progress = progressOf(options.onProgress);
  const oneFile = extname(path).toLowerCase() === ".csv";
  const format = options.format ?? (extname(path).toLowerCase() === ".xlsx" ? "xlsx" : "csv");
  if (format === "xlsx") await writeXlsxFile(path, sheets, progress);
  else if (oneFile) {
    const [sheet, ...more] = sheets;
    if (sheet === undefined || more.length > 0)
      throw new Error(
        `${path} 是单个 CSV 文件,只能存放一个工作表(此处为 ${sheets.length} 个):请改用文件夹或 .xlsx`,
      );
    await writeCsvFile(path, sheet, progress);
  } else {
    checkNames(sheets, /[/\\]/, "文件名不能为空,也不能含 / 或 \\");
    await mkdir(path, { recursive: true });
    for (const sheet of sheets) await writeCsvFile(join(path, `${sheet.name}.csv`), sheet, progress);
  }
  progress.finish();
}

async function writeCsvFile(path: string, sheet: OutputSheet, progress: Progress): Promise<void> {
  async function* chunks() {
    yield `${CSV_BOM}${csvLines([sheet.header])}`;
    for (let start = 0; start < sheet.rows.length; start += PROGRESS_EVERY) {
      const rows = sheet.rows.slice(start, start + PROGRESS_EVERY);
      yield csvLines(rows);
      progress.add(rows.length);
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
}

function checkNames(sheets: readonly OutputSheet[], forbidden: RegExp, rule: string): void {
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (name.trim() === "" || forbidden.test(name)) throw new Error(`工作表名“${name}”不可用:${rule}`);
    // Excel, and the file systems of Windows and macOS, do not tell case apart.
    if (seen.has(name.toLowerCase())) throw new Error(`工作表名“${name}”重复(不区分大小写)`);
    seen.add(name.toLowerCase());
  }
}

function checkForExcel(sheets: readonly OutputSheet[]): void {
  if (sheets.length === 0) throw new Error("Excel 工作簿至少要有一个工作表");
  checkNames(sheets, /[[\]:*?/\\]|^.{32,}$/u, "Excel 工作表名须为 1–31 个字符,且不含 [ ] : * ? / \\");
  for (const sheet of sheets) {
    const rowCount = sheet.rows.length + 1;
    if (rowCount > EXCEL_MAX_ROWS)
      throw new Error(
        `工作表“${sheet.name}”有 ${rowCount} 行(含表头),超过 Excel 每个工作表 ${EXCEL_MAX_ROWS} 行的上限:请改为导出 CSV`,
      );
  }
}

/** Display width in Excel's character units: CJK and full-width characters count twice. */
function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) {
    let width = 0;
    for (const ch of line) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

function cellWidth(cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return 10;
  return textWidth(typeof cell === "string" ? cell : String(cell));
}

// Widths from the header and the first rows: enough to size the columns without a second pass.
function columnWidths(sheet: OutputSheet): number[] {
  const widths = sheet.header.map(textWidth);
  for (const row of sheet.rows.slice(0, 500))
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cellWidth(cell));
    });
  return widths.map((width) => Math.min(Math.max(width + 2, 8), 60));
}

const SHEET_OPTIONS: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: "frozen", ySplit: 1 }] };

/** Fills a worksheet row by row, committing each (a no-op outside the streaming writer). */
async function writeRows(
  worksheet: ExcelJS.Worksheet,
  sheet: OutputSheet,
  progress: Progress,
): Promise<void> {
  worksheet.columns = columnWidths(sheet).map((width) => ({ width }));
  // A filter on every column of the header row (frozen by SHEET_OPTIONS), as a table in Excel has.
  if (sheet.header.length > 0)
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
  const header = worksheet.getRow(1);
  sheet.header.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
  });
  header.commit();
  for (const [index, cells] of sheet.rows.entries()) {
    const row = worksheet.getRow(index + 2);
    cells.forEach((value, i) => {
      const typed = xlsxCell(value, sheet.formats?.[i]);
      if (typed === null) return;
      const cell = row.getCell(i + 1);
      cell.value = typed.value;
      if (typed.numFmt !== null) cell.numFmt = typed.numFmt;
      else if (typeof typed.value === "string" && typed.value.includes("\n"))
        cell.alignment = { wrapText: true, vertical: "top" };
    });
    row.commit();
    progress.add(1);
    if ((index + 1) % ROWS_PER_CHECK === 0) await drained(worksheet);
  }
}

/**
 * Waits until the zip has taken up what the streaming writer wrote of a sheet. exceljs pushes the
 * sheet's XML into its zip entry without heeding backpressure, so that without this wait a sheet of
 * 100,000 rows sits whole (some 65 MB) in memory until the end. Nothing to wait for in memory.
 */
async function drained(worksheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = untyped(untyped(worksheet, "stream"), "pipes");
  const entry: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  if (entry instanceof EventEmitter && untyped(untyped(entry, "_writableState"), "needDrain") === true)
    await once(entry, "drain");
}

async function writeXlsxFile(
  path: string,
  sheets: readonly OutputSheet[],
  progress: Progress,
): Promise<void> {
  checkForExcel(sheets);
  const output = createWriteStream(path);
  // The writer listens for errors only at the very end; until then one would go unheard.
  const failed = new Promise<never>((_, reject) => output.once("error", reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const write = async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, SHEET_OPTIONS);
      await writeRows(worksheet, sheet, progress);
      worksheet.commit();
    }
    await workbook.commit();
    if (!output.closed) await once(output, "close");
  };
  try {
    await Promise.race([write(), failed]);
  } catch (error) {
    output.destroy();
    await rm(path, { force: true });
    throw error;
  }
}

/**
 * The workbook `writeWorkbook` writes to an `.xlsx` path, in memory (for a download).
 * @example response.body = await workbookBuffer(listSheets(dataset, "2025-07-01"))
 */
export async function workbookBuffer(sheets: readonly OutputSheet[]): Promise<Buffer> {
  checkForExcel(sheets);
  const workbook = new ExcelJS.Workbook();
  const progress = progressOf(undefined);
  for (const sheet of sheets)
    await writeRows(workbook.addWorksheet(sheet.name, SHEET_OPTIONS), sheet, progress);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
