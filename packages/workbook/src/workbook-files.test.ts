import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Cell, OutputSheet, SheetTable, WorkbookTables } from "./sheet-table.ts";
import { EXCEL_MAX_ROWS, readWorkbook, workbookBuffer, writeWorkbook } from "./workbook-files.ts";

let dir = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dutylist-workbook-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function sheetOf(tables: WorkbookTables, name: string): SheetTable {
  const sheet = tables.sheets.find((s) => s.name === name);
  if (sheet === undefined)
    throw new Error(`no sheet ${name} in ${tables.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

function rowsOf(sheet: SheetTable): [number, readonly Cell[]][] {
  return sheet.rows.map((row) => [row.rowNumber, row.cells]);
}

const JULY_FIRST = new Date(Date.UTC(2025, 6, 1));

const LISTS: OutputSheet = {
  name: "基本履职事项",
  header: ["编码", "名称", "分值", "完成", "生效日期"],
  rows: [
    ["PA-001", "城乡居民医保参保,登记", 12.5, true, "2025-07-01"],
    [null, null, null, null, null],
    ["PA-002", "第一行\n第二行", 3, false, JULY_FIRST],
  ],
};
const INFO: OutputSheet = { name: "说明", header: ["项目", "内容"], rows: [["县", "示范县"]] };

describe("readWorkbook of an .xlsx file", () => {
  it("reads every sheet with Excel's row numbers, a title row above the header and normalised cells", async () => {
    const file = path.join(dir, "county.xlsx");
    const workbook = new ExcelJS.Workbook();
    const lists = workbook.addWorksheet("清单");
    lists.getCell("A1").value = "某县乡镇(街道)履职事项清单";
    lists.mergeCells("A1:E1");
    lists.getRow(2).values = ["编码", "名称", "分值", "生效日期", "备注"];
    lists.getRow(3).values = [
      "PA-001",
      { richText: [{ text: "城乡" }, { text: "医保", font: { bold: true } }] },
    ];
    lists.getCell("C3").value = { formula: "1+2", result: 3 };
    lists.getCell("E3").value = { text: "政策原文", hyperlink: "https://example.org" };
    // Row 4 is left blank.
    lists.getCell("A5").value = "PA-002";
    lists.getCell("B5").value = "第一行\n第二行";
    lists.getCell("C5").value = 7.25;
    lists.getCell("D5").value = JULY_FIRST;
    lists.getCell("D5").numFmt = "yyyy-mm-dd";
    lists.getCell("E5").value = { error: "#N/A" };
    lists.getCell("A6").value = "PA-003";
    lists.getCell("D6").value = { formula: "D5+31", result: 45870 };
    lists.getCell("D6").numFmt = "yyyy/m/d";
    workbook.addWorksheet("部门").getRow(1).values = ["编码", "名称"];
    await workbook.xlsx.writeFile(file);

    const tables = await readWorkbook(file);

    expect(tables.source).toBe(file);
    expect(tables.sheets.map((s) => s.name)).toEqual(["清单", "部门"]);
    const sheet = sheetOf(tables, "清单");
    expect(rowsOf(sheet)).toEqual([
      [1, ["某县乡镇(街道)履职事项清单"]],
      [2, ["编码", "名称", "分值", "生效日期", "备注"]],
      [3, ["PA-001", "城乡医保", 3, null, "政策原文"]],
      // An error value is kept as its text, for the import's checks to name (ERROR_CELL).
      [5, ["PA-002", "第一行\n第二行", 7.25, JULY_FIRST, "#N/A"]],
      [6, ["PA-003", null, null, new Date(Date.UTC(2025, 7, 1))]],
    ]);
    const date = sheet.rows[3]?.cells[3];
    expect(date).toBeInstanceOf(Date);
    expect(date instanceof Date && date.toISOString()).toBe("2025-07-01T00:00:00.000Z");
    expect(rowsOf(sheetOf(tables, "部门"))).toEqual([[1, ["编码", "名称"]]]);
  });

  it("reads back the names, cells and dates of small workbooks it wrote, every time", async () => {
    // ExcelJS writes worksheets before the workbook part; its streaming reader then often lost
    // the names (Sheet1…) or failed on small files like these, depending on timing.
    const names = [
      "清单信息",
      "乡镇(街道)",
      "部门",
      "基本履职事项",
      "配合履职事项",
      "上级部门收回事项",
      "临时性工作任务",
    ];
    for (let n = 0; n < 10; n++) {
      const file = path.join(dir, `small-${n}.xlsx`);
      const sheets = names.map((name, i) => ({
        name,
        header: ["编码", "生效日期"],
        rows: Array.from({ length: 3 + i + n }, (_, r): Cell[] => [`C-${r}`, JULY_FIRST]),
      }));
      await writeWorkbook(file, sheets);
      const tables = await readWorkbook(file);
      expect(tables.sheets.map((s) => s.name)).toEqual(names);
      expect(sheetOf(tables, "部门").rows.at(-1)?.cells).toEqual([`C-${4 + n}`, JULY_FIRST]);
    }
  });

  it("reports progress every 10,000 rows and once at the end", async () => {
    const file = path.join(dir, "big.xlsx");
    const rows = Array.from({ length: 25_000 }, (_, i) => [`PA-${i}`, i]);
    const written: number[] = [];
    await writeWorkbook(file, [{ name: "大表", header: ["编码", "序号"], rows }], {
      onProgress: (n) => written.push(n),
    });
    const read: number[] = [];
    const tables = await readWorkbook(file, { onProgress: (n) => read.push(n) });

    expect(written).toEqual([10_000, 20_000, 25_000]);
    expect(read).toEqual([10_000, 20_000, 25_001]);
    const last = sheetOf(tables, "大表").rows.at(-1);
    expect(last).toEqual({ rowNumber: 25_001, cells: ["PA-24999", 24_999] });
  });

  it("rejects a missing file instead of waiting for it", async () => {
    await expect(readWorkbook(path.join(dir, "missing.xlsx"))).rejects.toThrow(/ENOENT/);
  });

  it("says so, naming the file, when an .xlsx file is not a workbook", async () => {
    const file = path.join(dir, "renamed.xlsx");
    fs.writeFileSync(file, "编码,名称\r\n");
    await expect(readWorkbook(file)).rejects.toThrow("文件 renamed.xlsx 是文本文件(看来是改了扩展名的 CSV");
  });

  it("names the path and the accepted kinds for an unknown extension", async () => {
    const file = path.join(dir, "old.xls");
    fs.writeFileSync(file, "");
    await expect(readWorkbook(file)).rejects.toThrow(`无法读取 ${file}:应为 .xlsx 工作簿、.csv 文件`);
  });
});

describe("writeWorkbook to .xlsx", () => {
  it("round-trips two sheets, keeping row numbers across a blank row", async () => {
    const file = path.join(dir, "lists.xlsx");
    await writeWorkbook(file, [INFO, LISTS]);
    const tables = await readWorkbook(file);

    expect(tables.sheets.map((s) => s.name)).toEqual(["说明", "基本履职事项"]);
    expect(rowsOf(sheetOf(tables, "说明"))).toEqual([
      [1, ["项目", "内容"]],
      [2, ["县", "示范县"]],
    ]);
    expect(rowsOf(sheetOf(tables, "基本履职事项"))).toEqual([
      [1, ["编码", "名称", "分值", "完成", "生效日期"]],
      [2, ["PA-001", "城乡居民医保参保,登记", 12.5, true, "2025-07-01"]],
      [4, ["PA-002", "第一行\n第二行", 3, false, JULY_FIRST]],
    ]);
  });

  it("makes the header bold and frozen, sizes the columns and formats dates", async () => {
    const file = path.join(dir, "lists.xlsx");
    await writeWorkbook(file, [LISTS]);
    const workbook = await new ExcelJS.Workbook().xlsx.readFile(file);
    const sheet = workbook.getWorksheet("基本履职事项");

    expect(sheet?.getCell("A1").font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // 城乡居民医保参保,登记: ten CJK characters (20) and a comma, plus a margin.
    expect(sheet?.getColumn(2).width).toBe(23);
    expect(sheet?.getCell("E4").numFmt).toBe("yyyy-mm-dd");
    expect(sheet?.getCell("B4").alignment?.wrapText).toBe(true);
  });

  it("refuses a sheet longer than Excel allows, naming it and suggesting CSV, before writing", async () => {
    const file = path.join(dir, "huge.xlsx");
    const rows: Cell[][] = [];
    rows.length = EXCEL_MAX_ROWS; // sparse: nothing is allocated
    const huge: OutputSheet = { name: "全部条目", header: ["编码"], rows };

    await expect(writeWorkbook(file, [INFO, huge])).rejects.toThrow(
      "工作表“全部条目”有 1048577 行(含表头),超过 Excel 每个工作表 1048576 行的上限:请改为导出 CSV",
    );
    expect(fs.existsSync(file)).toBe(false);
    await expect(workbookBuffer([huge])).rejects.toThrow("全部条目");
  });

  it("refuses sheet names Excel cannot hold", async () => {
    await expect(writeWorkbook(path.join(dir, "a.xlsx"), [{ ...INFO, name: "a/b" }])).rejects.toThrow(
      "工作表名“a/b”不可用",
    );
    await expect(writeWorkbook(path.join(dir, "a.xlsx"), [INFO, INFO])).rejects.toThrow("重复");
  });

  it("removes the file and rejects when the folder does not exist", async () => {
    const file = path.join(dir, "no-such-folder", "a.xlsx");
    await expect(writeWorkbook(file, [INFO])).rejects.toThrow(/ENOENT/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("writeWorkbook to CSV", () => {
  const tricky: OutputSheet = {
    name: "配合履职事项",
    header: ["编码", "名称", "说明"],
    rows: [
      ["PC-001", "防汛,抗旱", '“牵头”与"配合"'],
      [null, null, null],
      ["PC-002", "第一行\r\n第二行", null],
      ["PC-003", "末行", 4],
    ],
  };

  it("writes one .csv file with a BOM and reads it back with record numbers", async () => {
    const file = path.join(dir, "配合.csv");
    await writeWorkbook(file, [tricky]);

    expect([...fs.readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tables = await readWorkbook(file);
    expect(tables.sheets.map((s) => s.name)).toEqual(["配合"]);
    expect(rowsOf(sheetOf(tables, "配合"))).toEqual([
      [1, ["编码", "名称", "说明"]],
      [2, ["PC-001", "防汛,抗旱", '“牵头”与"配合"']],
      [4, ["PC-002", "第一行\r\n第二行"]],
      [5, ["PC-003", "末行", "4"]],
    ]);
  });

  it("refuses to put two sheets in one .csv file", async () => {
    await expect(writeWorkbook(path.join(dir, "two.csv"), [INFO, tricky])).rejects.toThrow(
      "只能存放一个工作表(此处为 2 个)",
    );
  });

  it("writes a folder of CSV files, creating it, and reads them back sorted by name", async () => {
    const folder = path.join(dir, "export", "2025");
    await writeWorkbook(folder, [tricky, INFO]);

    expect(fs.readdirSync(folder).sort()).toEqual(["说明.csv", "配合履职事项.csv"]);
    const tables = await readWorkbook(folder);
    expect(tables.sheets.map((s) => s.name)).toEqual(["说明", "配合履职事项"]);
    expect(rowsOf(sheetOf(tables, "说明"))).toEqual([
      [1, ["项目", "内容"]],
      [2, ["县", "示范县"]],
    ]);
    expect(sheetOf(tables, "配合履职事项").rows.map((r) => r.rowNumber)).toEqual([1, 2, 4, 5]);
  });

  it("writes CSV when asked, whatever the extension", async () => {
    const folder = path.join(dir, "out.data");
    await writeWorkbook(folder, [INFO], { format: "csv" });
    expect(fs.readFileSync(path.join(folder, "说明.csv"), "utf8")).toBe("\uFEFF项目,内容\r\n县,示范县\r\n");
  });

  it("reads a CSV file that Chinese Excel saved in GB18030", async () => {
    const file = path.join(dir, "gbk.csv");
    // 编码,名称\r\nPA-001,医保\r\n in GB18030
    const bytes = [
      [0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a],
      [0x50, 0x41, 0x2d, 0x30, 0x30, 0x31, 0x2c, 0xd2, 0xbd, 0xb1, 0xa3, 0x0d, 0x0a],
    ].flat();
    fs.writeFileSync(file, Buffer.from(bytes));
    const tables = await readWorkbook(file);
    expect(rowsOf(sheetOf(tables, "gbk"))).toEqual([
      [1, ["编码", "名称"]],
      [2, ["PA-001", "医保"]],
    ]);
  });
});

describe("workbookBuffer", () => {
  it("holds the same workbook in memory, readable by exceljs", async () => {
    const buffer = await workbookBuffer([INFO, LISTS]);
    // exceljs declares its own `Buffer` (an ArrayBuffer), which a Node Buffer does not satisfy.
    const workbook = await new ExcelJS.Workbook().xlsx.load(Uint8Array.from(buffer).buffer);

    expect(workbook.worksheets.map((s) => s.name)).toEqual(["说明", "基本履职事项"]);
    const sheet = workbook.getWorksheet("基本履职事项");
    expect(sheet?.getCell("A1").font?.bold).toBe(true);
    expect(sheet?.getCell("B2").value).toBe("城乡居民医保参保,登记");
    expect(sheet?.getCell("C2").value).toBe(12.5);
    expect(sheet?.getCell("A3").value).toBeNull();
    expect(sheet?.getCell("E4").value).toEqual(JULY_FIRST);
  });
});
