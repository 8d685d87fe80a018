import { open } from "node:fs/promises";
import yauzl from "yauzl";
import { failFile } from "./workbook-file-error.ts";

// What a file is, by its first bytes (magic numbers) and, for a zip, by its directory: read before
// a parser gets the file, so that a renamed .xls, an encrypted workbook, a PDF or a cut-off
// download is named as what it is rather than failing deep inside the zip or XML reader.

const XLSX_EXPECTED = "应为 Excel 工作簿(.xlsx)";
const SAVE_AS_XLSX = "请在 Excel 中打开并另存为 .xlsx";
// OLE2 compound documents keep their directory (stream names, UTF-16) near the start.
const OLE_SCAN_BYTES = 1 << 20;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "PDF 文档:PDF 中的表格须先转换为 Excel 工作簿" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "RAR 压缩包:请先解压" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "7z 压缩包:请先解压" },
  { bytes: [0x1f, 0x8b], what: "gzip 压缩文件:请先解压" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "PNG 图片:须为表格文件,不能是截图" },
  { bytes: [0xff, 0xd8, 0xff], what: "JPEG 图片:须为表格文件,不能是截图或照片" },
  { bytes: [0x3c, 0x3f, 0x78, 0x6d, 0x6c], what: `XML 文件(可能是 Excel 2003 XML 表格):${SAVE_AS_XLSX}` },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    bytes[3] === bytes[2] + 1
  );
}

function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, "utf16le"));
}

/** What an OLE2 compound document is, by the streams its directory names. */
function oleKind(bytes: Uint8Array): "ENCRYPTED" | "LEGACY_XLS" | "OTHER" {
  if (hasUtf16Name(bytes, "EncryptedPackage") || hasUtf16Name(bytes, "EncryptionInfo")) return "ENCRYPTED";
  if (hasUtf16Name(bytes, "Workbook") || hasUtf16Name(bytes, "Book")) return "LEGACY_XLS";
  return "OTHER";
}

/** Looks like text: no NUL bytes (or UTF-16), few control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  }
  return control * 50 < bytes.length;
}

function hex(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

async function head(path: string, length: number): Promise<{ bytes: Uint8Array; size: number }> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(length, size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer, size };
  } finally {
    await handle.close();
  }
}

/**
 * Refuses, with what it is, a file that is not a zip-based workbook: empty, OLE2 (.xls or an
 * encrypted .xlsx), PDF, text, an image or another archive. `expected` says what was wanted.
 */
function refuseNonZip(path: string, bytes: Uint8Array, size: number, expected: string): void {
  if (size === 0) failFile("EMPTY_FILE", { path }, `是空文件(0 字节):${expected}`);
  if (startsWith(bytes, OLE2)) {
    switch (oleKind(bytes)) {
      case "ENCRYPTED":
        failFile(
          "ENCRYPTED",
          { path },
          `是设有打开密码的加密工作簿:请在 Excel 中取消密码(文件→信息→保护工作簿→用密码进行加密,清空密码)后另存为 .xlsx`,
        );
        break;
      case "LEGACY_XLS":
        failFile("LEGACY_XLS", { path }, `是旧版 Excel 97-2003 (.xls) 格式:${SAVE_AS_XLSX}`);
        break;
      default:
        failFile("NOT_A_WORKBOOK", { path }, `是 Office 97-2003 文档(如 Word .doc),不是工作簿:${expected}`);
    }
  }
  for (const signature of SIGNATURES)
    if (startsWith(bytes, signature.bytes)) failFile("NOT_A_WORKBOOK", { path }, `是${signature.what}`);
}

/** The names and sizes a zip's directory lists (nothing is decompressed). */
interface ZipListing {
  readonly names: readonly string[];
  readonly uncompressedBytes: number;
  readonly encrypted: boolean;
}

function listZip(path: string): Promise<ZipListing> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: false }, (error, zip) => {
      if (error !== null) return reject(error);
      const names: string[] = [];
      let uncompressedBytes = 0;
      let encrypted = false;
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        uncompressedBytes += entry.uncompressedSize;
        encrypted ||= entry.isEncrypted();
        zip.readEntry();
      });
      zip.once("end", () => resolve({ names, uncompressedBytes, encrypted }));
      zip.once("error", reject);
      zip.readEntry();
    });
  });
}

function zipKind(names: readonly string[]): string {
  if (names.includes("word/document.xml")) return "Word 文档(.docx)";
  if (names.some((name) => name.startsWith("ppt/"))) return "PowerPoint 演示文稿(.pptx)";
  if (names.includes("content.xml") && names.includes("mimetype"))
    return "OpenDocument 文档(如 WPS/LibreOffice 的 .ods)";
  const shown = names.slice(0, 3).join("、");
  return `zip 压缩包(内含 ${shown}${names.length > 3 ? " 等" : ""})`;
}

/**
 * Checks that the file at `path` is an .xlsx workbook before it is parsed, and returns the sum of
 * its parts' uncompressed sizes (which bounds what reading it whole would take). Throws a
 * `WorkbookFileFailure` naming what the file is otherwise: empty, .xls, encrypted, truncated,
 * another zip, PDF, text, image.
 * @example const { uncompressedBytes } = await sniffXlsx("lists.xlsx")
 */
export async function sniffXlsx(path: string): Promise<{ readonly uncompressedBytes: number }> {
  const { bytes, size } = await head(path, OLE_SCAN_BYTES);
  refuseNonZip(path, bytes, size, XLSX_EXPECTED);
  if (!isZip(bytes)) {
    if (looksLikeText(bytes))
      failFile(
        "NOT_A_WORKBOOK",
        { path },
        "是文本文件(看来是改了扩展名的 CSV 或文本):应为 .xlsx 工作簿;若是 CSV,请把扩展名改为 .csv",
      );
    failFile("NOT_A_WORKBOOK", { path }, `无法识别(开头字节 ${hex(bytes)}):${XLSX_EXPECTED}`);
  }
  let listing: ZipListing;
  try {
    listing = await listZip(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failFile(
      "TRUNCATED",
      { path },
      `是不完整或已损坏的 zip 压缩包(${reason}),可能下载或复制时中断:${XLSX_EXPECTED},请重新获取完整的文件`,
    );
  }
  if (listing.encrypted)
    failFile("ENCRYPTED", { path }, `是加了密码的 zip 压缩包,不是工作簿:${XLSX_EXPECTED}`);
  if (!listing.names.includes("xl/workbook.xml"))
    failFile("NOT_A_WORKBOOK", { path }, `是${zipKind(listing.names)},不是 Excel 工作簿:${XLSX_EXPECTED}`);
  return { uncompressedBytes: listing.uncompressedBytes };
}

/**
 * Refuses a file named .csv that is a workbook, a PDF, an image or another binary file, naming
 * what it is. Text in any encoding passes.
 * @example refuseNonText("/tmp/a.csv", bytes)
 */
export function refuseNonText(path: string, bytes: Uint8Array): void {
  const expected = "应为 CSV 文本文件";
  if (bytes.length === 0) failFile("EMPTY_FILE", { path }, `是空文件(0 字节):${expected}`);
  if (isZip(bytes))
    failFile(
      "NOT_A_WORKBOOK",
      { path },
      "是 Excel 工作簿(.xlsx)或 zip 压缩包,扩展名却是 .csv:请把扩展名改为 .xlsx",
    );
  refuseNonZip(path, bytes.subarray(0, OLE_SCAN_BYTES), bytes.length, expected);
}
