/** One cell as a spreadsheet holds it; CSV cells are always strings (or `null` when empty). */
export type Cell = string | number | boolean | Date | null;

/** One row with its 1-based number in the sheet, as Excel and a text editor show it. */
export interface SheetRow {
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

/** A sheet read raw: every non-empty row, the header row included. */
export interface SheetTable {
  readonly name: string;
  readonly rows: readonly SheetRow[];
}

/** A workbook read raw, with the file it came from (for error locations). */
export interface WorkbookTables {
  readonly source: string;
  readonly sheets: readonly SheetTable[];
}

/** Where a problem is: file, sheet, 1-based row, column letter and its header. */
export interface CellLocation {
  readonly file: string;
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly header: string | null;
}

/** A problem found in a workbook, located; `code` is stable for scripts, `message` is Chinese. */
export interface WorkbookIssue {
  readonly code: WorkbookIssueCode;
  readonly location: CellLocation;
  readonly message: string;
  /** The domain rule the problem breaks, when there is one (e.g. L1). */
  readonly ruleId: string | null;
}

export type WorkbookIssueCode =
  | "MISSING_SHEET"
  | "MISSING_COLUMN"
  /** No row among a sheet's first rows names any known column. */
  | "NO_HEADER"
  /** Two header cells name the same column. */
  | "DUPLICATE_COLUMN"
  /** A sheet present under two of its names (e.g. 基本履职事项 and basic). */
  | "DUPLICATE_SHEET"
  /** Text that cannot be stored: NUL, a lone surrogate, longer than a cell holds. */
  | "INVALID_TEXT"
  /** An Excel error value (#REF!, #N/A, …) where data is expected. */
  | "ERROR_CELL"
  | "REQUIRED"
  | "NOT_A_DATE"
  | "NOT_A_NUMBER"
  | "UNKNOWN_VALUE"
  | "UNKNOWN_TOWNSHIP"
  | "UNKNOWN_DEPARTMENT"
  | "UNKNOWN_ITEM"
  | "UNKNOWN_INDICATOR"
  | "AMBIGUOUS_NAME"
  | "DUPLICATE_CODE"
  | "ITEM_ON_TWO_LISTS"
  | "COOPERATIVE_WITHOUT_LEAD"
  | "COOPERATIVE_WITHOUT_CONTENT"
  | "RECLAIMED_WITHOUT_RECEIVER"
  | "MALFORMED_INTERVAL"
  | "HISTORY_CONFLICT"
  | "PLAN_INVALID"
  /** A workbook exported at an older revision than the stored county's would undo what came since. */
  | "STALE_WORKBOOK"
  /** An import would remove a large share of a township's entries, or a whole list. */
  | "MASS_REMOVAL"
  | "DOMAIN";

/**
 * The column letter of a 0-based column index, as Excel names it.
 * @example columnLetter(0) // "A"
 * @example columnLetter(27) // "AB"
 */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * A location rendered as one line, e.g. `lists.xlsx 配合履职事项 第12行 F列(牵头部门)`.
 * @example formatLocation({ file: "a.xlsx", sheet: "部门", row: 3, column: "B", header: "名称" }) // "a.xlsx 部门 第3行 B列(名称)"
 */
export function formatLocation(location: CellLocation): string {
  const parts = [location.file, location.sheet];
  if (location.row !== null) parts.push(`第${location.row}行`);
  if (location.column !== null)
    parts.push(
      location.header === null ? `${location.column}列` : `${location.column}列(${location.header})`,
    );
  return parts.join(" ");
}

/**
 * An issue rendered as one line: location, then message.
 * @example formatIssue(issue) // "a.xlsx 部门 第3行 B列(名称):名称不能为空"
 */
export function formatIssue(issue: WorkbookIssue): string {
  return `${formatLocation(issue.location)}:${issue.message}`;
}

/**
 * How the .xlsx writer types a column's cells (CSV writes every cell as text, whatever the format):
 * `number` writes a decimal string as an Excel number shown with the places the string has (a
 * presented score `78.50` as 78.5 shown `0.00`; S8: the figure is rounded once, by the core), `date`
 * writes a `YYYY-MM-DD` string as an Excel date, `text` leaves strings as they are (codes such as
 * `001` stay text). Numbers and `Date`s in the rows are typed whatever the format.
 */
export type ColumnFormat = "text" | "number" | "date";

/** A sheet to write: its name, one header row, the data rows and, optionally, each column's format. */
export interface OutputSheet {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** One per column of `header`; a missing entry (or no `formats`) is `text`. */
  readonly formats?: readonly ColumnFormat[];
}

/**
 * A header and its formats from one list of `[header, format]` pairs, so that they cannot drift apart.
 * @example typedHeader([["名次", "number"], ["乡镇(街道)", "text"]]) // { header: ["名次", "乡镇(街道)"], formats: ["number", "text"] }
 */
export function typedHeader(columns: readonly (readonly [string, ColumnFormat])[]): {
  header: string[];
  formats: ColumnFormat[];
} {
  return { header: columns.map(([header]) => header), formats: columns.map(([, format]) => format) };
}
