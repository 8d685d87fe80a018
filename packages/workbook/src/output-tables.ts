import type { OutputSheet, WorkbookTables } from "./sheet-table.ts";

/**
 * Sheets to write, read back in memory as a workbook would be: the header on row 1, data from
 * row 2. Lets an export be imported without a file (tests, what-if previews).
 * @example tablesOfSheets("lists.xlsx", listSheets(dataset, asOf)).sheets[0]?.rows[0]?.rowNumber // 1
 */
export function tablesOfSheets(source: string, sheets: readonly OutputSheet[]): WorkbookTables {
  return {
    source,
    sheets: sheets.map((sheet) => ({
      name: sheet.name,
      rows: [sheet.header, ...sheet.rows].map((cells, i) => ({ rowNumber: i + 1, cells })),
    })),
  };
}
