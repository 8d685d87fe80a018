import { cellText } from "./cell-values.ts";
import { type ColumnSpec, normalizeHeader, type SheetSpec } from "./format.ts";
import {
  type Cell,
  type CellLocation,
  columnLetter,
  type SheetTable,
  type WorkbookIssue,
  type WorkbookIssueCode,
  type WorkbookTables,
} from "./sheet-table.ts";
import { FORMULA_ERROR } from "./xlsx-reader.ts";

/**
 * How many issues of one code a log keeps; the rest are only counted (`omittedIssues`), so that
 * a sheet of a million bad rows neither holds millions of issues in memory nor prints them.
 */
export const ISSUES_KEPT_PER_CODE = 1_000;

const OMITTED = new WeakMap<readonly WorkbookIssue[], ReadonlyMap<WorkbookIssueCode, number>>();

/**
 * The issues of each code a log counted but did not keep (past `ISSUES_KEPT_PER_CODE`), for the
 * `issues` array of that log; empty for any other array.
 * @example omittedIssues(log.issues).get("REQUIRED") // 4_193_303 after 4,194,303 empty cells
 */
export function omittedIssues(issues: readonly WorkbookIssue[]): ReadonlyMap<WorkbookIssueCode, number> {
  return OMITTED.get(issues) ?? new Map();
}

/** Collects located issues; every parser adds to one so that all problems are reported at once. */
export class IssueLog {
  readonly issues: WorkbookIssue[] = [];
  private readonly kept = new Map<WorkbookIssueCode, number>();
  private readonly omitted = new Map<WorkbookIssueCode, number>();
  private total = 0;

  constructor() {
    OMITTED.set(this.issues, this.omitted);
  }

  add(code: WorkbookIssueCode, location: CellLocation, message: string, ruleId: string | null = null): void {
    this.total += 1;
    const kept = this.kept.get(code) ?? 0;
    if (kept >= ISSUES_KEPT_PER_CODE) {
      this.omitted.set(code, (this.omitted.get(code) ?? 0) + 1);
      return;
    }
    this.kept.set(code, kept + 1);
    this.issues.push({ code, location, message, ruleId });
  }

  /** Every issue added, the omitted ones included. */
  get size(): number {
    return this.total;
  }
}

/** A data row of a sheet whose header was recognised: cells by column key, with locations. */
export class SheetRecord<K extends string = string> {
  constructor(
    readonly sheet: SheetLayout<K>,
    readonly rowNumber: number,
    private readonly cells: readonly Cell[],
  ) {}

  has(key: K): boolean {
    return this.sheet.columns.has(key);
  }

  cell(key: K): Cell {
    const index = this.sheet.columns.get(key);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  /** The cell as trimmed text; `""` when empty or when the column is absent. */
  text(key: K): string {
    return cellText(this.cell(key));
  }

  at(key: K): CellLocation {
    const index = this.sheet.columns.get(key);
    const spec = this.sheet.spec.columns.find((c) => c.key === key);
    return {
      file: this.sheet.file,
      sheet: this.sheet.name,
      row: this.rowNumber,
      column: index === undefined ? null : columnLetter(index),
      header:
        index === undefined ? (spec?.header ?? null) : (this.sheet.headers[index] ?? spec?.header ?? null),
    };
  }

  /** The row as a whole, for problems that no single cell carries. */
  get where(): CellLocation {
    return { file: this.sheet.file, sheet: this.sheet.name, row: this.rowNumber, column: null, header: null };
  }
}

/** A sheet matched to its spec: where its header is and where each known column is. */
export interface SheetLayout<K extends string = string> {
  readonly spec: SheetSpec<K>;
  readonly file: string;
  readonly name: string;
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly columns: ReadonlyMap<K, number>;
}

/** A sheet matched to its spec, with the data rows under its header. */
export interface BoundSheet<K extends string = string> extends SheetLayout<K> {
  readonly records: readonly SheetRecord<K>[];
}

/**
 * Finds a sheet by its name or an alias (the first, when several are present: `bindSheet`
 * reports that).
 * @example findSheet(tables, SHEETS.departments)?.name // "部门"
 */
export function findSheet(tables: WorkbookTables, spec: SheetSpec): SheetTable | undefined {
  return sheetsOf(tables, spec)[0];
}

function sheetsOf(tables: WorkbookTables, spec: SheetSpec): SheetTable[] {
  const names = new Set([spec.name, ...spec.aliases].map(normalizeHeader));
  return tables.sheets.filter((sheet) => names.has(normalizeHeader(sheet.name)));
}

/** Known columns a header row names, and the header cells naming a column already named. */
function matchColumns<K extends string>(
  spec: SheetSpec<K>,
  cells: readonly Cell[],
): { columns: Map<K, number>; repeated: { key: K; first: number; again: number }[] } {
  const columns = new Map<K, number>();
  const repeated: { key: K; first: number; again: number }[] = [];
  cells.forEach((cell, index) => {
    const text = normalizeHeader(cellText(cell));
    if (text === "") return;
    const match = spec.columns.find((c: ColumnSpec<K>) =>
      [c.header, ...c.aliases].some((name) => normalizeHeader(name) === text),
    );
    if (match === undefined) return;
    const first = columns.get(match.key);
    if (first === undefined) columns.set(match.key, index);
    else repeated.push({ key: match.key, first, again: index });
  });
  return { columns, repeated };
}

/**
 * How many rows from the top a header is looked for in: published lists put a title, a
 * document number, a date and notes above it (a header on row 7 is common).
 */
export const HEADER_SEARCH_ROWS = 10;

// What a cell can hold: Excel's own limit, which PostgreSQL text also takes comfortably.
const MAX_CELL_CHARS = 32_767;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EXCEL_ERROR = /^#(REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/**
 * What is wrong with a cell's text before any column reads it: an Excel error value, a NUL
 * character or lone surrogate (which neither PostgreSQL nor JSON can carry), or more characters
 * than a cell holds. `undefined` when nothing is.
 * @example cellProblem("#REF!")?.code // "ERROR_CELL"
 */
export function cellProblem(cell: Cell): { code: WorkbookIssueCode; message: string } | undefined {
  if (typeof cell !== "string") return undefined;
  if (cell === FORMULA_ERROR)
    return {
      code: "ERROR_CELL",
      message:
        "单元格是公式,但没有可用的计算结果(未计算,或结果是错误值):请在 Excel 中重新计算后保存,或改为实际的值",
    };
  if (EXCEL_ERROR.test(cell.trim()))
    return {
      code: "ERROR_CELL",
      message: `单元格是 Excel 错误值 ${cell.trim()}(公式引用失效或算错):请改为实际的值`,
    };
  if (cell.includes("\u0000"))
    return { code: "INVALID_TEXT", message: "含有 NUL 控制字符(U+0000),无法保存:请删除该字符" };
  if (cell.includes("\uFFFD"))
    return {
      code: "INVALID_TEXT",
      message: "含有无法识别的字符(�):文件的编码有误或内容已损坏,请检查该单元格并以 UTF-8 或 .xlsx 重新保存",
    };
  if (LONE_SURROGATE.test(cell))
    return {
      code: "INVALID_TEXT",
      message: "含有无效的 Unicode 字符(孤立的代理项),无法保存:请重新输入该单元格",
    };
  if (cell.length > MAX_CELL_CHARS)
    return {
      code: "INVALID_TEXT",
      message: `有 ${cell.length.toLocaleString("en-US")} 个字符,超过单元格 ${MAX_CELL_CHARS.toLocaleString("en-US")} 个字符的上限`,
    };
  return undefined;
}

/**
 * Matches a sheet's header row (the first of its first `HEADER_SEARCH_ROWS` rows naming the most
 * known columns) and reports required columns that are missing — or, when no row names any
 * known column, that once — as well as a column named twice, a sheet present under two names,
 * and cells no column can take (`cellProblem`). Returns `undefined` when the sheet is absent; a
 * missing required sheet is the caller's to report.
 */
export function bindSheet<K extends string>(
  tables: WorkbookTables,
  spec: SheetSpec<K>,
  log: IssueLog,
): BoundSheet<K> | undefined {
  const [table, ...others] = sheetsOf(tables, spec);
  if (table === undefined) return undefined;
  const sheetWhere = { file: tables.source, sheet: table.name, row: null, column: null, header: null };
  if (others.length > 0)
    log.add(
      "DUPLICATE_SHEET",
      sheetWhere,
      `工作表“${[table, ...others].map((t) => t.name).join("”和“")}”是同一张表(${spec.name})的不同名称,` +
        "只能保留其中一个:请合并后删除多余的工作表",
    );
  let best: { row: number; index: number; match: ReturnType<typeof matchColumns<K>> } | undefined;
  table.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const match = matchColumns(spec, row.cells);
    if (match.columns.size > (best?.match.columns.size ?? 0)) best = { row: row.rowNumber, index, match };
  });
  const required = spec.columns.filter((c) => c.required).map((c) => c.header);
  if (best === undefined) {
    // One issue for the sheet, not one per column and row: it is not this kind of sheet at all.
    log.add(
      "NO_HEADER",
      sheetWhere,
      `前 ${HEADER_SEARCH_ROWS} 行中找不到表头:没有一行含已知的列名(须包含:${required.join("、") || "见导入格式说明"})`,
    );
    const layout: SheetLayout<K> = {
      spec,
      file: tables.source,
      name: table.name,
      headerRow: table.rows[0]?.rowNumber ?? 1,
      headers: [],
      columns: new Map(),
    };
    return { ...layout, records: [] };
  }
  const { row: headerRow, index: headerIndex, match } = best;
  const { columns } = match;
  const headers = (table.rows[headerIndex]?.cells ?? []).map(cellText);
  for (const { key, first, again } of match.repeated) {
    const header = spec.columns.find((c) => c.key === key)?.header ?? key;
    log.add(
      "DUPLICATE_COLUMN",
      {
        file: tables.source,
        sheet: table.name,
        row: headerRow,
        column: columnLetter(again),
        header: headers[again] ?? null,
      },
      `“${header}”列出现两次(${columnLetter(first)}列和${columnLetter(again)}列):只能保留一列`,
    );
  }
  for (const missing of spec.columns.filter((c) => c.required && !columns.has(c.key))) {
    log.add(
      "MISSING_COLUMN",
      { file: tables.source, sheet: table.name, row: headerRow, column: null, header: missing.header },
      `缺少“${missing.header}”列(表头须包含:${required.join("、")})`,
    );
  }
  const layout: SheetLayout<K> = { spec, file: tables.source, name: table.name, headerRow, headers, columns };
  const records = table.rows
    .slice(headerIndex + 1)
    .filter((row) => row.cells.some((cell) => cellText(cell) !== ""))
    .map((row) => new SheetRecord(layout, row.rowNumber, row.cells));
  for (const record of records)
    for (const key of columns.keys()) {
      const problem = cellProblem(record.cell(key));
      if (problem !== undefined) log.add(problem.code, record.at(key), problem.message);
    }
  return { ...layout, records };
}

/** Looks parties up by code or by name, reporting unknown and ambiguous names. */
export class NameDirectory {
  private readonly byCode = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();

  private readonly reported: ReadonlySet<string>;

  /**
   * `reported` names parties whose own rows were refused: references to them are left
   * unresolved without another issue (the problem is already reported at its row).
   */
  constructor(
    private readonly kindName: string,
    entries: readonly { readonly code: string; readonly name: string }[],
    reported: readonly string[] = [],
  ) {
    for (const entry of entries) {
      this.byCode.set(entry.code, entry.code);
      const key = normalizeHeader(entry.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), entry.code]);
    }
    this.reported = new Set(reported.map(normalizeHeader));
  }

  get codes(): readonly string[] {
    return [...this.byCode.keys()];
  }

  /**
   * The code a cell names, or `undefined` after logging why not.
   * `unknownCode` is the issue code to use when nothing matches.
   */
  resolve(
    text: string,
    location: CellLocation,
    log: IssueLog,
    unknownCode: WorkbookIssueCode,
  ): string | undefined {
    const code = this.byCode.get(text);
    if (code !== undefined) return code;
    const named = this.byName.get(normalizeHeader(text)) ?? [];
    if (named.length === 1) return named[0];
    if (named.length === 0 && (this.reported.has(normalizeHeader(text)) || this.reported.has(text)))
      return undefined;
    if (named.length > 1) {
      log.add(
        "AMBIGUOUS_NAME",
        location,
        `${this.kindName}名称“${text}”对应多个编码(${named.join("、")}),请改用编码`,
      );
      return undefined;
    }
    log.add(unknownCode, location, `未知的${this.kindName}“${text}”:须为${this.kindName}表中的编码或名称`);
    return undefined;
  }
}
