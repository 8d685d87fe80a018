import { ok, type Role } from "@dutylist/core";
import { countyRevision, type Database, listDeterminations } from "@dutylist/store";
import {
  assessmentResultSheets,
  assessmentSheets,
  determinationSheet,
  listSheets,
  type OutputSheet,
  SHEETS,
} from "@dutylist/workbook";
import type { Command } from "commander";
import { loadStoredAssessment } from "./assess-command.ts";
import {
  addStoreOptions,
  type CommandContext,
  parseDateOption,
  parseYearOption,
  required,
  type StoreOptions,
} from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import {
  type CliIo,
  type CliResult,
  EXIT,
  type ExitCode,
  fail,
  type Output,
  usage,
  writeJson,
} from "./cli-io.ts";
import { chooseCounty, loadChosenCounty, resolveTownship } from "./county-choice.ts";
import { withPlanInfo } from "./plan-info.ts";
import { registerExportReport, yearWhistleFigures } from "./report-command.ts";
import { helpNotes } from "./usage.ts";
import { outputKind, writeSheets } from "./workbook-io.ts";

/** The options of the `export` subcommands (each takes those it needs). */
export interface ExportOptions extends StoreOptions {
  readonly out?: string;
  readonly asOf?: string;
  readonly township?: string;
  readonly list?: string;
  readonly year?: string;
  readonly role?: string;
  readonly records?: boolean;
}

type Values = ExportOptions;

const LIST_KEYS = { basic: "basic", cooperative: "cooperative", reclaimed: "reclaimed" } as const;

const ROLES: Readonly<Record<string, Role>> = {
  primary: "PRIMARY",
  secondary: "SECONDARY",
  none: "NONE",
  主要责任: "PRIMARY",
  次要责任: "SECONDARY",
  不承担责任: "NONE",
};

async function listsExport(db: Database, values: Values, out: string): Promise<CliResult<OutputSheet[]>> {
  const asOf = parseDateOption(values.asOf, "--as-of");
  if (!asOf.ok) return asOf;
  const list = values.list;
  if (list !== undefined && !Object.hasOwn(LIST_KEYS, list)) {
    return usage(`--list 须为 basic、cooperative 或 reclaimed:${list}`);
  }
  if (outputKind(out) === "CSV_FILE" && list === undefined) {
    return usage(
      "导出为单个 .csv 文件须用 --list basic|cooperative|reclaimed 指明哪一张清单(或改用 .xlsx、文件夹)",
    );
  }
  const chosen = await chooseCounty(db, values.county);
  if (!chosen.ok) return chosen;
  // The revision before the county is loaded: a write in between makes the recorded 数据版本
  // older than the data, so a later import of this file is refused rather than let through.
  const revision = await countyRevision(db, chosen.value);
  const exportedAt = new Date().toISOString();
  const dataset = await loadChosenCounty(db, chosen.value);
  if (!dataset.ok) return dataset;
  const township =
    values.township === undefined ? undefined : resolveTownship(dataset.value, values.township);
  if (township !== undefined && !township.ok) return township;
  const sheets = listSheets(dataset.value, asOf.value, {
    revision,
    exportedAt,
    ...(township === undefined ? {} : { townshipCode: township.value.code }),
  });
  if (list === undefined) return ok(sheets);
  const name = SHEETS[LIST_KEYS[list as keyof typeof LIST_KEYS]].name;
  return ok(sheets.filter((s) => s.name === name));
}

async function assessmentExport(db: Database, values: Values): Promise<CliResult<OutputSheet[]>> {
  const year = parseYearOption(values.year);
  if (!year.ok) return year;
  const loaded = await loadStoredAssessment(db, values.county, year.value);
  if (!loaded.ok) return loaded;
  const { report, plan, dataset, records, policy } = loaded.value;
  // H2: the year's whistle loop, judged against the lists of each whistle's date.
  const whistles = await yearWhistleFigures(db, dataset, year.value);
  const results = assessmentResultSheets(report, plan, dataset, policy, whistles);
  if (values.records !== true) return ok(results);
  // The plan and records in the import format as well, so the file can be imported elsewhere.
  return ok([...results, ...withPlanInfo(assessmentSheets(plan, records, dataset), plan, dataset)]);
}

async function determinationsExport(db: Database, values: Values): Promise<CliResult<OutputSheet[]>> {
  const role = values.role === undefined ? undefined : ROLES[values.role.toLowerCase()];
  if (values.role !== undefined && role === undefined) {
    return usage(`--role 须为 primary|secondary|none(主要责任|次要责任|不承担责任):${values.role}`);
  }
  const dataset = await loadChosenCounty(db, values.county);
  if (!dataset.ok) return dataset;
  const township =
    values.township === undefined ? undefined : resolveTownship(dataset.value, values.township);
  if (township !== undefined && !township.ok) return township;
  const townshipCode = township?.value.code;
  const determinations = await listDeterminations(
    db,
    dataset.value.county.code,
    townshipCode === undefined ? {} : { townshipCode },
  );
  const townshipNames = new Map(dataset.value.townships.map((t) => [t.code, t.name]));
  return ok([determinationSheet(determinations, { townshipNames, ...(role === undefined ? {} : { role }) })]);
}

const WHAT = { lists: "清单", assessment: "考核结果", determinations: "责任认定" } as const;

type ExportKind = keyof typeof WHAT;

const EXPORTERS: Readonly<
  Record<ExportKind, (db: Database, values: Values, out: string) => Promise<CliResult<OutputSheet[]>>>
> = {
  lists: listsExport,
  assessment: (db, values) => assessmentExport(db, values),
  determinations: (db, values) => determinationsExport(db, values),
};

/**
 * `dutylist export lists|assessment|determinations … --out PATH`: the lists as of a date (in the
 * import format), the year's results, or the stored determinations, as `.xlsx`, one `.csv`, or a
 * folder of CSV files.
 * @example await runExport("lists", { asOf: "2025-10-01", out: "lists.xlsx" }, io) // 0
 */
export async function runExport(kind: ExportKind, values: Values, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const out = required(values.out, "--out");
  if (!out.ok) return fail(output, out.errors[0]);
  return withDatabase(io, values.dataDir, async (db) => {
    const sheets = await EXPORTERS[kind](db, values, out.value);
    if (!sheets.ok) return fail(output, sheets.errors[0]);
    const written = await writeSheets(output, out.value, sheets.value);
    if (!written.ok) return fail(output, written.errors[0]);
    const summary = sheets.value.map((s) => ({ name: s.name, rows: s.rows.length }));
    if (output.json) writeJson(io, { ok: true, what: kind, ...written.value, sheets: summary });
    else {
      io.stdout(
        `已导出${WHAT[kind]}到 ${written.value.path}:${summary.map((s) => `${s.name} ${s.rows} 行`).join("、")}\n`,
      );
    }
    return EXIT.OK;
  });
}

const OUT_NOTE =
  "PATH 以 .xlsx 结尾写一个工作簿;以 .csv 结尾写一张表;其他(文件夹)写每张表一个 CSV 文件(UTF-8 带 BOM)。\n" +
  "(.xlsx: one workbook; .csv: one sheet; anything else: a folder of CSV files.)";

/** One `export` subcommand: its own options, plus --out and the store's. */
function exportCommand(
  group: Command,
  kind: ExportKind,
  { io, exit }: CommandContext,
  define: (command: Command) => Command,
): void {
  addStoreOptions(
    define(group.command(kind)).requiredOption("--out <PATH>", "输出的文件或文件夹 (output path)"),
  )
    .addHelpText("after", helpNotes(OUT_NOTE))
    .action(async (options: Values) => exit(await runExport(kind, options, io)));
}

/**
 * Adds `export` and its subcommands to the program. A new export is one more `exportCommand`
 * (or `group.command(…)`) below, with its name in the group's usage line.
 */
export function registerExport(program: Command, context: CommandContext): void {
  const group = program
    .command("export")
    .summary("导出工作簿 (export workbooks)")
    .description(
      "导出为工作簿 (export a workbook)。清单导出可原样导入 (an exported list imports back unchanged).",
    )
    .usage("lists|assessment|determinations|report [选项] --out PATH")
    .helpCommand("help [命令]", "显示子命令的帮助 (help for a subcommand)");
  exportCommand(group, "lists", context, (c) =>
    c
      .description("某日的清单,导入格式 (the lists as of a date, in the import format)")
      .usage(
        "--as-of DATE [--county CODE] [--township CODE|名称] [--list basic|cooperative|reclaimed] --out PATH",
      )
      .option("--as-of <DATE>", "清单日期 YYYY-MM-DD (the date)")
      .option("--township <CODE|名称>", "只导出一个乡镇(街道) (one township)")
      .option(
        "--list <basic|cooperative|reclaimed>",
        "只导出一张清单;导出为单个 .csv 时必须 (one list; needed for one .csv)",
      ),
  );
  exportCommand(group, "assessment", context, (c) =>
    c
      .description(
        "年度考核结果:乡镇排名、乡镇得分明细、部门排名、部门得分明细、排除记录、吹哨报到 (the year's results)",
      )
      .usage("--year YEAR [--county CODE] [--records] --out PATH")
      .option("--year <YEAR>", "考核年度 (the year)")
      .option(
        "--records",
        "同时导出考核方案和记录(导入格式)(also the plan and records, in the import format)",
      ),
  );
  exportCommand(group, "determinations", context, (c) =>
    c
      .description("库中的责任认定,每个当事方一行 (the stored determinations, one row per party)")
      .usage("[--county CODE] [--township CODE|名称] [--role primary|secondary|none] --out PATH")
      .option("--township <CODE|名称>", "只导出一个乡镇(街道) (one township)")
      .option(
        "--role <primary|secondary|none>",
        "只导出一种责任:主要责任、次要责任、不承担责任 (one role; also 主要责任|次要责任|不承担责任)",
      ),
  );
  // The report is one HTML page, not sheets: its own command.
  registerExportReport(group, context);
}
