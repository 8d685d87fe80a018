import type { Cell } from "./sheet-table.ts";

// CSV as RFC 4180 has it, read leniently (a stray quote is kept as text, an unclosed quote runs to
// the end of the text) because the files come from people, not programs.

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

/**
 * Splits CSV text into records of fields (comma-separated unless `options.separator`): quoted fields, doubled quotes, CRLF, LF or CR line ends,
 * line breaks inside quotes; a leading UTF-8 BOM is dropped. A blank line is a record of one empty
 * field (so record indexes stay line-record numbers); a final line end adds no record.
 * @example parseCsv('名称,说明\r\n"a,b","say ""hi"""\r\n') // [["名称", "说明"], ["a,b", 'say "hi"']]
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): string[][] {
  const separator = options.separator ?? ",";
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  // Whether anything of the current record has been read (a final line end adds no record).
  let started = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      started = true;
    } else if (ch === separator) {
      record.push(field);
      field = "";
      started = true;
    } else if (ch === "\r" || ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      started = false;
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
    } else {
      field += ch;
      started = true;
    }
    i += 1;
  }
  if (started) {
    record.push(field);
    records.push(record);
  }
  return records;
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

function cellCsv(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "是" : "否";
  if (typeof cell === "number") return String(cell);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return "";
    return `${cell.getUTCFullYear()}-${two(cell.getUTCMonth() + 1)}-${two(cell.getUTCDate())}`;
  }
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV record, without its line end: fields quoted when they hold a comma, quote or line break,
 * formula-leading text neutralised (`neutraliseFormula`), `null` empty, booleans 是/否, dates `YYYY-MM-DD` from their UTC fields.
 * @example csvRecord(["a,b", 3, null, true]) // '"a,b",3,,是'
 */
export function csvRecord(cells: readonly Cell[]): string {
  return cells.map(cellCsv).join(",");
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
  const lines = [csvRecord(header)];
  for (const row of rows) lines.push(csvRecord(row));
  return `${options.bom === false ? "" : CSV_BOM}${lines.join("\r\n")}\r\n`;
}
