import { describe, expect, it } from "vitest";
import { csvEncoding, decodeCsv, detectSeparator } from "./csv-text.ts";

describe("CSV text", () => {
  it("tells UTF-16 by BOM or by its NUL bytes, GBK by invalid UTF-8", () => {
    expect(csvEncoding(Buffer.from("\uFEFF名称,说明", "utf16le"))).toBe("utf-16le");
    expect(csvEncoding(Buffer.from("code,名称\r\nQX,青溪", "utf16le"))).toBe("utf-16le");
    expect(csvEncoding(Buffer.from("名称,说明", "utf8"))).toBe("utf-8");
    // 名称 in GBK: C3FB B3C6
    expect(decodeCsv("a.csv", Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x61]))).toEqual({
      text: "名称,a",
      encoding: "gb18030",
    });
  });

  it("picks the separator of the first non-empty line, outside quotes", () => {
    expect(detectSeparator("\n名称;说明;备注\n甲,乙;丙")).toBe(";");
    expect(detectSeparator('"a;b"\tc\td')).toBe("\t");
    expect(detectSeparator("名称")).toBe(",");
  });

  it("refuses a workbook named .csv, naming it", () => {
    expect(() => decodeCsv("/x/a.csv", Buffer.from("PK\u0003\u0004rest", "latin1"))).toThrow(
      "文件 a.csv 是 Excel 工作簿(.xlsx)或 zip 压缩包,扩展名却是 .csv",
    );
  });
});
