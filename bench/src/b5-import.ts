import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isoDate } from "@dutylist/core";
import { generateCounty } from "@dutylist/core/testing";
import { checkImport, importWrite } from "@dutylist/import";
import { openDatabase, saveImport } from "@dutylist/store";
import { countyWorkbook, readWorkbook, writeWorkbook } from "@dutylist/workbook";
import ExcelJS from "exceljs";
import { benchStamp } from "./bench-stamp.ts";
import { collectGarbage, timingOf } from "./measure.ts";
import { type BenchResult, judged, timeRatio } from "./result.ts";

/** Sizes of B5. */
export interface B5Options {
  readonly townships: number;
  readonly rounds: number;
  /** Untimed rounds first (a province's import runs for a minute: JIT warm-up is noise there). */
  readonly warmup: number;
}

/** The floor: ExcelJS's streaming reader going over every row of every sheet, keeping nothing. */
async function readAllRows(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "emit",
  });
  let cells = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      row.eachCell(() => {
        cells++;
      });
    }
  }
  return cells;
}

/**
 * The engine: read, check and plan the workbook, then write the county in one transaction, into
 * an empty PGlite in a data directory on disk, as `pnpm start` and the CLI keep it. (An in-memory
 * PGlite keeps each table's file in one growing buffer, copied again each time it outgrows it:
 * a cost of that setup — a third or more of the write, measured at 200 townships — which no
 * user's import pays.)
 */
async function importWorkbook(path: string, dataDir: string): Promise<number> {
  const db = await openDatabase({ kind: "PGLITE", dataDir });
  try {
    const started = performance.now();
    const tables = await readWorkbook(path);
    // The import use case the CLI runs (@dutylist/import): checked against the store, then written.
    const check = await checkImport(db, tables, {});
    if (check.issues.length > 0 || check.county.kind !== "CREATE")
      throw new Error(`B5: the generated workbook did not import cleanly (${check.issues.length} issues)`);
    const saved = await saveImport(db, importWrite(check), benchStamp("b5:import", { workbook: path }));
    if (!saved.ok) throw new Error(`B5: ${saved.errors[0].message}`);
    return performance.now() - started;
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * B5: importing a province's lists workbook (read + check + plan + store into an empty PGlite)
 * vs ExcelJS merely reading it. Opening and migrating the empty database is not timed.
 */
export async function runB5(options: B5Options, log: (line: string) => void): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "dutylist-bench-"));
  try {
    log(`B5: writing a workbook of ${options.townships} townships`);
    const dataset = generateCounty({ townships: options.townships, seed: 23 });
    const path = join(dir, "province-lists.xlsx");
    await writeWorkbook(
      path,
      countyWorkbook(dataset, isoDate("2025-01-01"), null, { performance: [], ratings: [] }),
    );
    const bytes = (await stat(path)).size;
    const base: number[] = [];
    const eng: number[] = [];
    let cells = 0;
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      collectGarbage();
      const started = performance.now();
      cells = await readAllRows(path);
      const baseMs = performance.now() - started;
      collectGarbage();
      const engineMs = await importWorkbook(path, join(dir, `pglite-${round}`));
      log(`B5: round ${round}: read ${baseMs.toFixed(0)} ms, import ${engineMs.toFixed(0)} ms`);
      if (round < options.warmup) continue;
      base.push(baseMs);
      eng.push(engineMs);
    }
    const baseline = timingOf(base);
    const engine = timingOf(eng);
    return [
      judged({
        id: "B5",
        title: "importing a lists workbook",
        size: `${dataset.entries.length.toLocaleString("en")} entries, ${options.townships.toLocaleString("en")} townships, ${(bytes / 2 ** 20).toFixed(1)} MiB xlsx`,
        baselineName: "ExcelJS streaming reader over every row",
        engine,
        baseline,
        ratio: timeRatio(engine, baseline),
        target: { op: "<=", value: 2 },
        items: dataset.entries.length,
        unit: "entries",
        extra: {
          cells,
          engineEntriesPerSecond: Math.round(dataset.entries.length / (engine.medianMs / 1000)),
        },
      }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
