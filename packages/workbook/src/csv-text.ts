import { refuseNonText } from "./file-signature.ts";
import { failFile } from "./workbook-file-error.ts";

// The text of a CSV file as people's tools save it: UTF-8 (with or without BOM), UTF-16 (Excel's
// "Unicode text", with or without BOM), or GB18030/GBK (Excel's "CSV" on Chinese Windows); fields
// separated by commas, semicolons (European locales) or tabs.

/** The encodings a CSV file is read in. */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** A CSV field separator. */
export type CsvSeparator = "," | ";" | "\t";

function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  // ASCII and CJK text in UTF-16 has NUL bytes on one side of most pairs: the high byte of ASCII.
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddZeros * 4 > pairs && evenZeros * 20 < pairs) return "utf-16le";
  if (evenZeros * 4 > pairs && oddZeros * 20 < pairs) return "utf-16be";
  return null;
}

/**
 * The encoding of CSV bytes: by BOM, by the NUL pattern of UTF-16, else UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (a superset of GBK).
 * @example csvEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0x00])) // "utf-16le"
 */
export function csvEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 !== null) return utf16;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/**
 * Decodes a CSV file's bytes (see `csvEncoding`), without its BOM. Refuses a file that is not
 * text (a workbook, PDF or image named .csv, or binary with NUL bytes) naming what it is.
 * @example decodeCsv("a.csv", bytes).text // "名称,说明\r\n…"
 */
export function decodeCsv(path: string, bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  refuseNonText(path, bytes);
  const encoding = csvEncoding(bytes);
  // TextDecoder drops a BOM of its own encoding.
  const text = new TextDecoder(encoding).decode(bytes);
  // A NUL or two is a bad cell, located by the checks (`cellProblem`); many make a binary file.
  let nuls = 0;
  for (let i = text.indexOf("\u0000"); i >= 0 && nuls * 100 <= text.length; i = text.indexOf("\u0000", i + 1))
    nuls += 1;
  if (nuls * 100 > text.length)
    failFile(
      "NOT_A_WORKBOOK",
      { path },
      "是二进制文件(含大量 NUL 字节),不是文本:应为 CSV 文本文件(UTF-8、UTF-16 或 GBK 编码)",
    );
  return { text, encoding };
}

/**
 * The separator of CSV text, from its first non-empty line (outside quotes): the one of comma,
 * semicolon and tab that occurs most, comma when none does.
 * @example detectSeparator("名称;说明\n甲;乙") // ";"
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let seen = false;
  for (const ch of text.slice(0, 65_536)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (seen) break;
    } else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) {
      counts[ch] += 1;
      seen = true;
    } else if (ch.trim() !== "" && ch !== "\uFEFF") seen = true;
  }
  if (counts[","] >= counts[";"] && counts[","] >= counts["\t"]) return ",";
  return counts["\t"] > counts[";"] ? "\t" : ";";
}
