import { allWhistleFigures, buildListIndex, isoDate, judgeWhistles, ok, type Role } from "@dutylist/core";
import { countyRevision, type Database, listDeterminations, loadWhistleLoop } from "@dutylist/store";
import {
  assessmentResultSheets,
  assessmentSheets,
  determinationSheet,
  listSheets,
  type OutputSheet,
  SHEETS,
} from "@dutylist/workbook";
import { loadStoredAssessment } from "./assess-command.ts";
import { type ParsedCommand, parseCommand, parseDateOption, parseYearOption, required } from "./cli-args.ts";
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
import { outputKind, writeSheets } from "./workbook-io.ts";

const EXPORT_OPTIONS = {
  out: { type: "string" },
  "as-of": { type: "string" },
  township: { type: "string" },
  list: { type: "string" },
  year: { type: "string" },
  role: { type: "string" },
  records: { type: "boolean" },
} as const;

type Values = ParsedCommand<typeof EXPORT_OPTIONS>["values"];

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
  const asOf = parseDateOption(values["as-of"], "--as-of");
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
  const from = isoDate(`${year.value}-01-01`);
  const to = isoDate(`${year.value + 1}-01-01`);
  const loop = await loadWhistleLoop(db, dataset.county.code, from, to);
  const whistles = allWhistleFigures(
    judgeWhistles(loop.whistles, loop.events, buildListIndex(dataset.entries), from, to),
  );
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

/**
 * `dutylist export lists|assessment|determinations … --out PATH`: the lists as of a date (in the
 * import format), the year's results, or the stored determinations, as `.xlsx`, one `.csv`, or a
 * folder of CSV files.
 * @example await runExport(["lists", "--as-of", "2025-10-01", "--out", "lists.xlsx"], io) // 0
 */
export async function runExport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, EXPORT_OPTIONS);
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values, positionals } = parsed.value;
  const [what, ...extra] = positionals;
  if (what === undefined || !Object.hasOwn(WHAT, what) || extra.length > 0) {
    return fail(output, {
      _tag: "USAGE",
      message: "须为 export lists|assessment|determinations … --out PATH",
    });
  }
  const kind = what as keyof typeof WHAT;
  const out = required(values.out, "--out");
  if (!out.ok) return fail(output, out.errors[0]);
  return withDatabase(io, values["data-dir"], async (db) => {
    const sheets =
      kind === "lists"
        ? await listsExport(db, values, out.value)
        : kind === "assessment"
          ? await assessmentExport(db, values)
          : await determinationsExport(db, values);
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
