import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { type Cell, columnLetter } from "./sheet-table.ts";

// CSV as RFC 4180 has it, read and written by csv-parse and csv-stringify. Read leniently where
// people's files differ harmlessly (a stray quote inside a field is kept as text; records of any
// length; CRLF, LF or CR line ends); a quote left open is an error located at its record and field.

/**
 * The UTF-8 byte order mark, by which Excel knows a CSV file is UTF-8 (and not the locale's GBK).
 * @example toCsv(["名称"], []).startsWith(CSV_BOM) // true
 */
export const CSV_BOM = "\uFEFF";

/** Options of `parseCsv`. */
export interface ParseCsvOptions {
  /** The field separator; a comma unless told (see `detectSeparator`). */
  readonly separator?: "," | ";" | "\t";
}

/** CSV text that cannot be split into records: where (1-based record, column letter) and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly detail: string,
  ) {
    super(`第${row}行 ${column}列:${detail}`);
    this.name = "CsvSyntaxError";
  }
}

const CSV_ERROR_DETAILS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "引号未闭合(从此处到文件末尾都在引号内):请补上配对的英文双引号",
};

/**
 * Splits CSV text into records of fields (comma-separated unless `options.separator`): quoted
 * fields, doubled quotes, CRLF, LF or CR line ends, line breaks inside quotes; a leading UTF-8 BOM
 * is dropped. A blank line is a record of one empty field (so record indexes stay line-record
 * numbers); a final line end adds no record. A quote left open throws a `CsvSyntaxError` naming
 * the record and field where it opened.
 * @example parseCsv('名称,说明\r\n"a,b","say ""hi"""\r\n') // [["名称", "说明"], ["a,b", 'say "hi"']]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): string[][] {
  try {
    return parse(text, {
      delimiter: options.separator ?? ",",
      bom: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The records read before the failing one, and the index of its field being read.
    const row = (typeof error.records === "number" ? error.records : 0) + 1;
    const field = typeof error.index === "number" ? error.index : 0;
    throw new CsvSyntaxError(row, columnLetter(field), CSV_ERROR_DETAILS[error.code] ?? error.message);
  }
}

/** Options of `toCsv`. */
export interface ToCsvOptions {
  /** Start with a UTF-8 BOM, so that Excel reads the Chinese right; true unless false. */
  readonly bom?: boolean;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

// OWASP's CSV-injection guidance: a spreadsheet runs a cell starting with = + - @ tab or CR as a
// formula, so such a text cell is written with a leading single quote (shown, not run). A text
// cell that is a plain decimal (a score column's "-3.50") is a number to the spreadsheet, never a
// formula, and stays as it is, so figures written as text stay numeric; number cells are numbers.
const FORMULA_LEAD = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A text cell as a spreadsheet will only show it: prefixed with `'` when it starts with a formula
 * character (= + - @ tab CR) and is not a plain decimal number.
 * @example neutraliseFormula("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_LEAD.test(text) && !PLAIN_DECIMAL.test(text) ? `'${text}` : text;
}

/**
 * The text a CSV field stood for before `neutraliseFormula`: the quote it put before a
 * formula-leading text is taken off again on import, so an export imports to the same text.
 * @example restoreFormulaText("'=HYPERLINK(\"http://x\")") // "=HYPERLINK(\"http://x\")"
 */
export function restoreFormulaText(text: string): string {
  if (!text.startsWith("'")) return text;
  const rest = text.slice(1);
  return FORMULA_LEAD.test(rest) && !PLAIN_DECIMAL.test(rest) ? rest : text;
}

/** A cell as the text of its CSV field, before quoting. */
function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "是" : "否";
  if (typeof cell === "number") return String(cell);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return "";
    return `${cell.getUTCFullYear()}-${two(cell.getUTCMonth() + 1)}-${two(cell.getUTCDate())}`;
  }
  return neutraliseFormula(cell);
}

/** csv-stringify quotes a field with a comma, a quote or the record delimiter; any CR or LF too. */
const STRINGIFY = { quoted_match: /[\r\n]/, eof: false } as const;

/**
 * One CSV record, without its line end: fields quoted when they hold a comma, quote or line break,
 * formula-leading text neutralised (`neutraliseFormula`), `null` empty, booleans 是/否, dates `YYYY-MM-DD` from their UTC fields.
 * @example csvRecord(["a,b", 3, null, true]) // '"a,b",3,,是'
 */
export function csvRecord(cells: readonly Cell[]): string {
  // An empty record would be written as nothing at all; one empty field is the same line.
  if (cells.length === 0) return "";
  return stringify([cells.map(cellText)], STRINGIFY);
}

/**
 * Writes a header and rows as CSV: fields quoted when they hold a comma, quote or line break,
 * formula-leading text neutralised (`neutraliseFormula`), `null` empty, booleans 是/否, dates `YYYY-MM-DD` (UTC fields), CRLF line ends, and a UTF-8 BOM
 * first unless `{ bom: false }`.
 * @example toCsv(["名称", "完成"], [["a,b", true]], { bom: false }) // '名称,完成\r\n"a,b",是\r\n'
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: ToCsvOptions = {},
): string {
  return `${options.bom === false ? "" : CSV_BOM}${csvLines([header, ...rows])}`;
}

/**
 * Records as CSV lines, each ended by CRLF (as `csvRecord` writes each): for writing a file a
 * slice of rows at a time.
 * @example csvLines([["a", 1], ["b", null]]) // "a,1\r\nb,\r\n"
 */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  const records = rows.map((cells) => cells.map(cellText));
  return stringify(records, { quoted_match: /[\r\n]/, record_delimiter: "\r\n" });
}
