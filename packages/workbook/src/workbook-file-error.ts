import { basename } from "node:path";
import { type CellLocation, formatLocation } from "./sheet-table.ts";

// A file that cannot be read as what its name says: told once, as what the file is and what was
// expected, instead of a stack trace (`reading 'date1904'`) or hundreds of "missing column" issues.

/** Why a file could not be read at all. */
export type WorkbookFileErrorCode =
  /** 0 bytes. */
  | "EMPTY_FILE"
  /** A zip whose end (its directory) is missing: a download or copy cut short. */
  | "TRUNCATED"
  /** An Excel 97-2003 workbook (OLE2/BIFF), whatever its extension. */
  | "LEGACY_XLS"
  /** A workbook with an open password: Excel wraps it in an OLE2 container. */
  | "ENCRYPTED"
  /** Some other kind of file: a zip of other things, a PDF, text renamed .xlsx, an image… */
  | "NOT_A_WORKBOOK"
  /** A zip that is an .xlsx but whose parts cannot be parsed. */
  | "DAMAGED"
  /** A cell beyond the column cap (`SHEET_LIMITS.columns`). */
  | "TOO_MANY_COLUMNS"
  /** A row beyond the row cap (`SHEET_LIMITS.rows`). */
  | "TOO_MANY_ROWS"
  /** Too large to read without holding it whole, and the streamed read failed. */
  | "TOO_LARGE"
  /** CSV text that cannot be split into records (a quote left open), located at its record. */
  | "MALFORMED_CSV";

/** A file that cannot be read; `message` names the file (and sheet, row, column when known). */
export interface WorkbookFileError {
  readonly _tag: "WORKBOOK_FILE";
  readonly code: WorkbookFileErrorCode;
  readonly location: CellLocation;
  readonly message: string;
}

/**
 * The caps that keep reading bounded by the data rather than by a sheet's dimensions: a cell
 * beyond `columns` or a row beyond `rows` stops the read with a located error.
 * @example SHEET_LIMITS.columns // 200 (column GR)
 */
export const SHEET_LIMITS = { columns: 200, rows: 1_000_000 } as const;

/** Where in a file: the file's name, and a sheet, row and column when known. */
export interface FilePlace {
  readonly path: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
}

/**
 * A file error located at `place`, its message prefixed with the location as issues print it.
 * @example workbookFileError("EMPTY_FILE", { path: "/tmp/a.xlsx" }, "是空文件(0 字节)").message // "文件 a.xlsx 是空文件(0 字节)"
 */
export function workbookFileError(
  code: WorkbookFileErrorCode,
  place: FilePlace,
  detail: string,
): WorkbookFileError {
  const location: CellLocation = {
    file: basename(place.path),
    sheet: place.sheet ?? "",
    row: place.row ?? null,
    column: place.column ?? null,
    header: null,
  };
  const message =
    place.sheet === undefined ? `文件 ${location.file} ${detail}` : `${formatLocation(location)}:${detail}`;
  return { _tag: "WORKBOOK_FILE", code, location, message };
}

/** Thrown inside the readers, caught by `readWorkbookFile` and turned into a result. */
export class WorkbookFileFailure extends Error {
  constructor(readonly error: WorkbookFileError) {
    super(error.message);
    this.name = "WorkbookFileFailure";
  }
}

/**
 * Stops a read with a file error.
 * @example failFile("TRUNCATED", { path }, "是不完整的 zip 压缩包")
 */
export function failFile(code: WorkbookFileErrorCode, place: FilePlace, detail: string): never {
  throw new WorkbookFileFailure(workbookFileError(code, place, detail));
}
