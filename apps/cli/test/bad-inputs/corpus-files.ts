import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";

// The building blocks of the bad-input corpus: a basic-list sheet of the demo county (青溪县, QX)
// to plant one fault in, a minimal zip and xlsx writer for files ExcelJS would not write (raw
// XML, damaged parts), and the large inputs generated at test and bench time.

/** A cell of a planted sheet. */
export type Value = string | number | null | ExcelJS.CellValue;

/** The header of 基本履职事项, as the sample workbook writes it. */
export const BASIC_HEADER = [
  "序号",
  "乡镇(街道)",
  "事项编码",
  "事项类别",
  "事项名称",
  "具体工作事项",
  "设定依据",
  "领办领导",
  "承办股室",
  "协办单位",
  "生效日期",
  "失效日期",
] as const;

type BasicColumn = (typeof BASIC_HEADER)[number];

/** A sound row of 城关镇's basic list (the sample's first), with some cells replaced. */
export function basicRow(n: number, replace: Partial<Record<BasicColumn, Value>> = {}): Value[] {
  const row: Record<BasicColumn, Value> = {
    序号: n,
    "乡镇(街道)": "城关镇",
    事项编码: "DJ-001",
    事项类别: "党的建设",
    事项名称: "村(社区)党组织建设",
    具体工作事项: "指导村(社区)党组织换届选举",
    设定依据: "《中国共产党农村基层组织工作条例》",
    领办领导: "党委副书记",
    承办股室: "党建工作办公室",
    协办单位: "各村(社区)",
    生效日期: "2025-01-01",
    失效日期: null,
  };
  return BASIC_HEADER.map((column) => (column in replace ? (replace[column] ?? null) : row[column]));
}

/** The header of 双向评价 and a sound row of it (a new rating of 城关镇 by 县民政局). */
export const RATING_HEADER = ["序号", "记录编号", "年度", "乡镇(街道)", "部门", "评分"] as const;
export function ratingRow(n: number, id: string, score: Value, department: Value = "县民政局"): Value[] {
  return [n, id, 2025, "城关镇", department, score];
}

/** A sheet to write: its name and rows (the first being the header, unless a test says not). */
export interface PlantedSheet {
  readonly name: string;
  readonly rows: readonly (readonly Value[])[];
  /** Ranges to merge, e.g. "A1:L1". */
  readonly merges?: readonly string[];
}

/** Writes sheets as an .xlsx with ExcelJS (the whole-workbook writer). */
export async function writeXlsx(file: string, sheets: readonly PlantedSheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  // Fixed dates, so that writing the corpus again changes little (the zip still dates its entries).
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    sheet.rows.forEach((cells, r) => {
      cells.forEach((value, c) => {
        if (value !== null) worksheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      });
    });
    for (const range of sheet.merges ?? []) worksheet.mergeCells(range);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await workbook.xlsx.writeFile(file);
}

function csvField(value: Value): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of rows, with a separator. */
export function csvText(rows: readonly (readonly Value[])[], separator = ","): string {
  return `${rows.map((row) => row.map(csvField).join(separator)).join("\r\n")}\r\n`;
}

/** UTF-16 bytes of text, with or without a BOM. */
export function utf16(text: string, order: "le" | "be", bom: boolean): Buffer {
  const le = Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf16le");
  if (order === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** A zip of deflated entries: enough for the malformed-file cases and the large inputs. */
export function zipOf(entries: Readonly<Record<string, string | Buffer>>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

function workbookXml(sheetName: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The XML of one row of inline strings and numbers (`cells` by 0-based column). */
export function rowXml(rowNumber: number, cells: ReadonlyMap<number, string | number>): string {
  const parts = [...cells].map(([column, value]) => {
    const ref = `${columnName(column)}${rowNumber}`;
    return typeof value === "number"
      ? `<c r="${ref}"><v>${value}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  });
  return `<row r="${rowNumber}">${parts.join("")}</row>`;
}

/** An .xlsx of one sheet from raw row XML (what Excel writes, not what ExcelJS would). */
export function rawXlsx(sheetName: string, rowsXml: string, extra: Record<string, string> = {}): Buffer {
  return zipOf({
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": workbookXml(sheetName),
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`,
    ...extra,
  });
}

/** A header row of the basic list as raw XML. */
export function basicHeaderXml(): string {
  return rowXml(1, new Map(BASIC_HEADER.map((header, i) => [i, header])));
}

/** A basic-list row as raw XML: string and number cells, empty ones left out. */
export function basicRowXml(rowNumber: number, cells: readonly Value[]): string {
  const map = new Map<number, string | number>();
  cells.forEach((value, i) => {
    if (typeof value === "string" || typeof value === "number") map.set(i, value);
  });
  return rowXml(rowNumber, map);
}

/**
 * An OLE2 compound document (what .xls files and password-protected .xlsx files are) whose
 * directory names `streams`: just enough of the format for a reader to tell what it is.
 */
export function ole2(streams: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3 (512-byte sectors)
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift
  const directory = Buffer.alloc(512);
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const entry = directory.subarray(i * 128, i * 128 + 128);
    Buffer.from(name, "utf16le").copy(entry, 0);
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    entry[66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return Buffer.concat([header, directory, Buffer.alloc(1024)]);
}

/**
 * The sheet of finding 6: the basic-list header, then one cell in column XFD (the last Excel
 * has) on each of `rows` rows — tiny on disk, 16,384 columns wide. Streamed out, a few MB.
 */
export async function writeWideSheet(file: string, rows: number): Promise<void> {
  const parts = [basicHeaderXml()];
  for (let r = 2; r <= rows + 1; r++) parts.push(`<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, rawXlsx("基本履职事项", parts.join("")));
}

/**
 * A workbook of many issues: the basic-list header, then `rows` rows that hold only a 序号 and a
 * bad date — each missing its three required cells and its date (four issues a row).
 */
export async function writeManyIssues(file: string, rows: number): Promise<void> {
  const parts = [basicHeaderXml()];
  for (let r = 2; r <= rows + 1; r++)
    parts.push(
      `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="K${r}" t="inlineStr"><is><t>x</t></is></c></row>`,
    );
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, rawXlsx("基本履职事项", parts.join("")));
}
