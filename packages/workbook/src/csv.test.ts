import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CSV_BOM, CsvSyntaxError, csvRecord, parseCsv, restoreFormulaText, toCsv } from "./csv.ts";
import { readWorkbook, readWorkbookFile } from "./workbook-files.ts";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes and line breaks inside quotes", () => {
    const text = '编码,名称,说明\r\n"PA-001","a,b","他说""好""\r\n第二行"\r\n';
    expect(parseCsv(text)).toEqual([
      ["编码", "名称", "说明"],
      ["PA-001", "a,b", '他说"好"\r\n第二行'],
    ]);
  });

  it("accepts LF and CR line ends and strips a leading BOM only", () => {
    expect(parseCsv(`${CSV_BOM}a,b\nc,d\re,f`)).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
    ]);
    expect(parseCsv(`a,${CSV_BOM}b`)).toEqual([["a", `${CSV_BOM}b`]]);
  });

  it("keeps blank lines as records (so record numbers stay line-record numbers) but adds none at the end", () => {
    expect(parseCsv("a\r\n\r\nb\r\n")).toEqual([["a"], [""], ["b"]]);
    expect(parseCsv("a,\r\n")).toEqual([["a", ""]]);
    expect(parseCsv('""')).toEqual([[""]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("is lenient with stray quotes, and locates a quote left open at its record and field", () => {
    expect(parseCsv('a"b,c')).toEqual([['a"b', "c"]]);
    expect(parseCsv('x\n"a"b,c')).toEqual([["x"], ['"a"b', "c"]]);
    // csv-parse: an open quote runs to the end of the text, which is never what the file meant.
    expect(() => parseCsv('"a,b\nc')).toThrow(CsvSyntaxError);
    try {
      parseCsv('编码,名称\nPA-1,ok\nPA-2,"未闭合\nPA-3,x');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect([(error as CsvSyntaxError).row, (error as CsvSyntaxError).column]).toEqual([3, "B"]);
    }
  });
});

describe("toCsv", () => {
  it("quotes only when needed and writes null, numbers, booleans and dates plainly", () => {
    const text = toCsv(
      ["名称", "数量", "完成", "日期", "备注"],
      [["a,b", 12.5, true, new Date(Date.UTC(2025, 6, 1)), null]],
      { bom: false },
    );
    expect(text).toBe('名称,数量,完成,日期,备注\r\n"a,b",12.5,是,2025-07-01,\r\n');
  });

  it("starts with a BOM unless told not to", () => {
    expect(toCsv(["a"], [[false]])).toBe(`${CSV_BOM}a\r\n否\r\n`);
    expect(toCsv(["a"], [], { bom: false }).startsWith(CSV_BOM)).toBe(false);
  });

  it("takes a date's UTC fields, whatever the time of day", () => {
    expect(csvRecord([new Date(Date.UTC(2024, 1, 29, 23, 59))])).toBe("2024-02-29");
    expect(csvRecord([new Date(Number.NaN)])).toBe("");
  });

  it("round-trips commas, quotes, line breaks and CJK text through parseCsv", () => {
    const rows = [
      ["事项,一", '引号"里"', "第一行\n第二行", "  空格  "],
      ["", "履职事项清单", "x\r\n", '"'],
    ];
    expect(parseCsv(toCsv(["甲", "乙", "丙", "丁"], rows))).toEqual([["甲", "乙", "丙", "丁"], ...rows]);
  });

  // OWASP, CSV injection: a text cell that a spreadsheet would run as a formula starts with a quote.
  it.each([
    ['=HYPERLINK("http://x","点此")', '"\'=HYPERLINK(""http://x"",""点此"")"'],
    ["+1+2", "'+1+2"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
  ])("neutralises the formula-leading text cell %j", (cell, written) => {
    expect(csvRecord([cell])).toBe(written);
  });

  it("leaves numbers, plain decimal text (a negative deduction) and other text as they are", () => {
    expect(csvRecord([-3.5, "-3.50", "+2", "0.5", "a=b", "事项-1"])).toBe("-3.5,-3.50,+2,0.5,a=b,事项-1");
  });
});

describe("formula-leading text in a CSV round trip", () => {
  it("comes back as the text it was: the neutralising quote is taken off on import, plain decimals never get one", async () => {
    const texts = [
      '=HYPERLINK("http://x","点我")',
      "+86 123",
      "-违规",
      "@SUM(A1)",
      "'普通",
      "-3.50",
      "正常文本",
    ];
    const dir = await mkdtemp(join(tmpdir(), "dutylist-csv-"));
    try {
      const path = join(dir, "文本.csv");
      await writeFile(
        path,
        toCsv(
          ["名称"],
          texts.map((t) => [t]),
        ),
      );
      const written = await readFile(path, "utf8");
      expect(written).toContain(`'=HYPERLINK`);
      expect(written).toContain("\r\n-3.50\r\n");
      const tables = await readWorkbook(path);
      const read = tables.sheets[0]?.rows.slice(1).map((row) => row.cells[0]);
      expect(read).toEqual(texts);
      expect(restoreFormulaText("'普通")).toBe("'普通");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a CSV file that cannot be split into records", () => {
  it("is a file error naming the file, sheet, record and column where the quote opened", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dutylist-csv-"));
    try {
      const path = join(dir, "部门.csv");
      await writeFile(path, `${CSV_BOM}编码,名称\r\nYJ,"应急管理局\r\nLY,林业局\r\n`);
      const read = await readWorkbookFile(path);
      expect(read.ok).toBe(false);
      if (read.ok) return;
      const [error] = read.errors;
      expect([
        error?.code,
        error?.location.file,
        error?.location.sheet,
        error?.location.row,
        error?.location.column,
      ]).toEqual(["MALFORMED_CSV", "部门.csv", "部门", 2, "B"]);
      expect(error?.message).toContain("部门.csv 部门 第2行 B列");
      expect(error?.message).toContain("引号未闭合");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
