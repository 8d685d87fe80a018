import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  allWhistleFigures,
  buildListIndex,
  type CountyDataset,
  isoDate,
  judgeWhistles,
  type WhistleFigures,
} from "@dutylist/core";
import { renderAssessmentReportHtml, reportCompression } from "@dutylist/report";
import { type Database, loadAssessmentPlan, loadWhistleLoop } from "@dutylist/store";
import type { Command } from "commander";
import { loadStoredAssessment } from "./assess-command.ts";
import {
  addStoreOptions,
  type CommandContext,
  parseYearOption,
  required,
  type StoreOptions,
} from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, resolvePath, writeJson } from "./cli-io.ts";

/**
 * H2: the year's whistle loop judged against the lists of each whistle's date, as figures by
 * department, township and item — what the assessment workbook and the report show.
 * @example await yearWhistleFigures(db, dataset, 2026)
 */
export async function yearWhistleFigures(
  db: Database,
  dataset: CountyDataset,
  year: number,
): Promise<WhistleFigures[]> {
  const from = isoDate(`${year}-01-01`);
  const to = isoDate(`${year + 1}-01-01`);
  const loop = await loadWhistleLoop(db, dataset.county.code, from, to);
  return allWhistleFigures(
    judgeWhistles(loop.whistles, loop.events, buildListIndex(dataset.entries), from, to),
  );
}

/** The options of `export report`. */
export interface ReportOptions extends StoreOptions {
  readonly out?: string;
  readonly year?: string;
}

/** Writes the page whole or not at all: a reader never opens half a report. */
async function writeAtomically(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, text, "utf8");
  await rename(partial, target);
}

/**
 * `dutylist export report --year YEAR --out 报告.html`: the year's assessment report as one
 * printable HTML page (ranking, core vs collaborative, departments, excluded records with their
 * reasons, compression against the previous stored plan (S10), whistles (H2), SVG charts) — the
 * page `/export/report.html` serves. Open it in a browser and print it, or print it to PDF.
 * @example await runExportReport({ year: "2025", out: "report.html" }, io) // 0
 */
export async function runExportReport(values: ReportOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const out = required(values.out, "--out");
  if (!out.ok) return fail(output, out.errors[0]);
  if (!/\.html?$/i.test(out.value))
    return fail(output, { _tag: "USAGE", message: `--out 须以 .html 结尾:${out.value}` });
  const year = parseYearOption(values.year);
  if (!year.ok) return fail(output, year.errors[0]);
  return withDatabase(io, values.dataDir, async (db) => {
    const loaded = await loadStoredAssessment(db, values.county, year.value);
    if (!loaded.ok) return fail(output, loaded.errors[0]);
    const { report, plan, dataset, policy, recordCount } = loaded.value;
    const previous = await loadAssessmentPlan(db, dataset.county.code, year.value - 1);
    const whistles = await yearWhistleFigures(db, dataset, year.value);
    const html = renderAssessmentReportHtml({
      report,
      plan,
      dataset,
      policy,
      compression: reportCompression(plan, previous),
      whistles: whistles.length === 0 ? null : whistles,
      note: `生成日期 ${new Date().toISOString().slice(0, 10)};计入生成时已录入的 ${recordCount} 条记录`,
    });
    const target = resolvePath(io, out.value);
    await writeAtomically(target, html);
    if (output.json)
      writeJson(io, { ok: true, what: "report", path: target, bytes: Buffer.byteLength(html) });
    else
      io.stdout(`已导出${dataset.county.name} ${plan.year} 年考核报告到 ${target}(可在浏览器中打开并打印)\n`);
    return EXIT.OK;
  });
}

/** Adds `export report` to the `export` group. */
export function registerExportReport(group: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    group
      .command("report")
      .description(
        "年度考核报告:可打印的 HTML 页面,含排名、核心与协同得分、部门得分、排除记录及原因、指标压减、吹哨报到和图表 (the year's report)",
      )
      .usage("--year YEAR [--county CODE] --out 报告.html")
      .option("--year <YEAR>", "考核年度 (the year)")
      .requiredOption("--out <PATH>", "输出的 .html 文件 (output .html file)"),
  ).action(async (options: ReportOptions) => exit(await runExportReport(options, io)));
}
