import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { err, ok } from "@dutylist/core";
import {
  EXCEL_MAX_ROWS,
  type OutputSheet,
  readWorkbookFile,
  type WorkbookTables,
  writeWorkbook,
} from "@dutylist/workbook";
import { type CliResult, notFound, type Output, resolvePath, usage } from "./cli-io.ts";
import { progressBar } from "./progress.ts";

/** What an output path asks for: an `.xlsx` workbook, one `.csv` sheet, or a folder of CSV files. */
export type OutputKind = "XLSX" | "CSV_FILE" | "CSV_FOLDER";

/**
 * The kind of output a path asks for, by its extension.
 * @example outputKind("lists.xlsx") // "XLSX"
 */
export function outputKind(file: string): OutputKind {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".xlsx") return "XLSX";
  if (extension === ".csv") return "CSV_FILE";
  return "CSV_FOLDER";
}

/**
 * Refuses, before anything is computed or written, sheets the output cannot hold: a sheet over
 * Excel's 1,048,576 rows in an `.xlsx`, several sheets in one `.csv`.
 * @example checkOutput("province.xlsx", sheets) // usage error when the records do not fit
 */
export function checkOutput(file: string, sheets: readonly OutputSheet[]): CliResult<OutputKind> {
  const kind = outputKind(file);
  if (kind === "XLSX") {
    const tooBig = sheets.find((s) => s.rows.length + 1 > EXCEL_MAX_ROWS);
    if (tooBig !== undefined) {
      return usage(
        `工作表“${tooBig.name}”有 ${(tooBig.rows.length + 1).toLocaleString("en-US")} 行,超过 Excel 每个工作表 ` +
          `${EXCEL_MAX_ROWS.toLocaleString("en-US")} 行的上限:请把 --out 改为一个文件夹(写 CSV 文件夹),` +
          `例如 --out ${file.replace(/\.xlsx$/i, "")}-csv`,
      );
    }
  }
  if (kind === "CSV_FILE" && sheets.length !== 1) {
    return usage(
      `${file} 是单个 CSV 文件,只能写一个工作表(此处为 ${sheets.length} 个):请改用 .xlsx 或文件夹`,
    );
  }
  return ok(kind);
}

/**
 * Writes sheets to the path the user gave (relative to where they ran the command), creating its
 * folder, with a progress bar on a terminal. Returns the absolute path and rows written.
 * @example await writeSheets(output, "lists.xlsx", listSheets(dataset, asOf))
 */
export async function writeSheets(
  output: Output,
  file: string,
  sheets: readonly OutputSheet[],
): Promise<
  CliResult<{
    readonly path: string;
    readonly kind: OutputKind;
    readonly rows: number;
    readonly seconds: number;
  }>
> {
  const checked = checkOutput(file, sheets);
  if (!checked.ok) return checked;
  const target = resolvePath(output.io, file);
  await mkdir(checked.value === "CSV_FOLDER" ? target : path.dirname(target), { recursive: true });
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  const bar = progressBar(output.io, !output.json, "写入");
  const started = Date.now();
  await writeWorkbook(target, sheets, { onProgress: (rows) => bar.update(rows, total) });
  bar.finish();
  return ok({ path: target, kind: checked.value, rows: total, seconds: (Date.now() - started) / 1000 });
}

function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} 秒`;
}

/**
 * Reads a workbook, a CSV file or a folder of CSV files, with a progress count on a terminal; a
 * missing path is not found, another extension a usage error, a file that is not what its name
 * says (an .xls, an encrypted or truncated workbook, a PDF…) or a sheet past the column and row
 * caps rejected (exit 1) with what the file is and what was expected.
 * @example const tables = await readTables(output, "lists.xlsx")
 */
export async function readTables(output: Output, file: string): Promise<CliResult<WorkbookTables>> {
  const source = resolvePath(output.io, file);
  const stats = await stat(source).catch(() => null);
  if (stats === null) return notFound(`找不到 ${source}`);
  if (!stats.isDirectory() && /\.xls$/i.test(source)) {
    return usage(`无法读取 ${source}:是旧版 Excel 97-2003 (.xls) 文件,请在 Excel 中打开并另存为 .xlsx`);
  }
  if (!stats.isDirectory() && !/\.(xlsx|csv)$/i.test(source)) {
    return usage(`无法读取 ${source}:应为 .xlsx 工作簿、.csv 文件或存放 .csv 文件的文件夹`);
  }
  const bar = progressBar(output.io, !output.json, `读取 ${path.basename(source)}`);
  const started = Date.now();
  const read = await readWorkbookFile(source, { onProgress: (rows) => bar.update(rows, null, "行") });
  if (!read.ok) {
    bar.finish();
    return err({ _tag: "REJECTED", message: `${read.errors[0].message};未写入任何数据` });
  }
  const tables = read.value;
  const rows = tables.sheets.reduce((n, s) => n + s.rows.length, 0);
  bar.finish(
    `已读取 ${path.basename(source)}:${tables.sheets.length} 个工作表,${rows.toLocaleString("en-US")} 行(${seconds(started)})`,
  );
  // Issues name the file by its name, as the user knows it: `lists.xlsx 部门 第3行 …`.
  return ok({ ...tables, source: path.basename(source) });
}
