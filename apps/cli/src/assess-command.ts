import {
  type AssessmentPlan,
  type AssessmentRecords,
  type AssessmentReport,
  assess,
  type CountyDataset,
  type CountyPolicy,
  DEFAULT_ROUNDING,
  determinedPushDowns,
  excludedTotal,
  ok,
  type RoundingOptions,
  roundForPresentation,
} from "@dutylist/core";
import {
  type Database,
  listDeterminations,
  loadAssessmentPlan,
  loadAssessmentRecords,
  loadCountyPolicy,
  tallyPerformanceRecords,
} from "@dutylist/store";
import type { Command } from "commander";
import { addStoreOptions, type CommandContext, parseYearOption, type StoreOptions } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import {
  type CliIo,
  type CliResult,
  EXIT,
  type ExitCode,
  fail,
  notFound,
  type Output,
  writeJson,
} from "./cli-io.ts";
import { loadChosenCounty } from "./county-choice.ts";
import { renderTable } from "./text-table.ts";
import { helpNotes } from "./usage.ts";

/** A county's stored year: its dataset, plan and records, and the assessment of them. */
export interface StoredAssessment {
  readonly dataset: CountyDataset;
  readonly plan: AssessmentPlan;
  /** The year's records; without performance records when they were tallied by the database. */
  readonly records: AssessmentRecords;
  /** Every record of the year, performance records included, whether held or tallied. */
  readonly recordCount: number;
  readonly policy: CountyPolicy;
  readonly report: AssessmentReport;
}

/**
 * Loads a county's plan and records of a year and assesses them; a year without a plan is not
 * found. With `tallied`, the performance records are tallied by the database (S7, S8 in one
 * statement, as the API does) instead of loaded: for the rankings, not for an export listing them.
 * @example const year = await loadStoredAssessment(db, undefined, 2025, { tallied: true })
 */
export async function loadStoredAssessment(
  db: Database,
  countyCode: string | undefined,
  year: number,
  options: { readonly tallied?: boolean } = {},
): Promise<CliResult<StoredAssessment>> {
  const dataset = await loadChosenCounty(db, countyCode);
  if (!dataset.ok) return dataset;
  const code = dataset.value.county.code;
  const plan = await loadAssessmentPlan(db, code, year);
  if (plan === null) {
    return notFound(`县 ${code} 没有 ${year} 年的考核方案:请先导入含“考核指标”工作表的工作簿`);
  }
  const tallied = options.tallied === true;
  const [records, policy, determinations, tallies] = await Promise.all([
    loadAssessmentRecords(db, code, year, { performance: !tallied }),
    loadCountyPolicy(db, code),
    listDeterminations(db, code),
    tallied ? tallyPerformanceRecords(db, code, { plan, lists: "STORED", knownOn: null }) : undefined,
  ]);
  // The county's policy, and the push-downs stored determinations found (S5, A4).
  const report = assess(plan, dataset.value, records, {
    policy,
    determinedPushDowns: determinedPushDowns(determinations),
    ...(tallies === undefined ? {} : { tallies }),
  });
  const performance = tallies?.reduce((n, t) => n + t.count, 0) ?? 0;
  const recordCount = Object.values(records).reduce(
    (n: number, list: readonly unknown[]) => n + list.length,
    performance,
  );
  return ok({ dataset: dataset.value, plan, records, recordCount, policy, report });
}

/** A score presented once, by the county's rounding (S8). */
type Show = (value: Parameters<typeof roundForPresentation>[0]) => string;

const showBy =
  (rounding: RoundingOptions = DEFAULT_ROUNDING): Show =>
  (value) =>
    roundForPresentation(value, rounding);

/**
 * The township ranking: 名次, 乡镇(街道), 核心得分, 协同得分, 总分, 等次.
 * @example renderTownshipRanking(assess(plan, dataset, records))
 */
export function renderTownshipRanking(report: AssessmentReport, rounding?: RoundingOptions): string {
  const show = showBy(rounding);
  return renderTable(
    ["名次", "乡镇(街道)", "核心得分", "协同得分", "总分", "等次"],
    report.townships.map((t) => [
      String(t.rank),
      t.name,
      show(t.assessment.core.score),
      show(t.assessment.collaborative.score),
      show(t.assessment.total),
      t.grade,
    ]),
  );
}

/**
 * The department ranking: 名次, 县级部门, 得分, 满分, 适用分值, 等次.
 * @example renderDepartmentRanking(assess(plan, dataset, records))
 */
export function renderDepartmentRanking(report: AssessmentReport, rounding?: RoundingOptions): string {
  const show = showBy(rounding);
  return renderTable(
    ["名次", "县级部门", "得分", "满分", "适用分值", "等次"],
    report.departments.map((d) => [
      String(d.rank),
      d.name,
      show(d.assessment.total),
      show(d.assessment.planPoints),
      show(d.assessment.applicablePoints),
      d.grade,
    ]),
  );
}

/** The --json document: scores presented by the county's rounding (S8), the exact figures beside them. */
function assessmentJson({ dataset, plan, recordCount, report, policy }: StoredAssessment) {
  const show = showBy(policy.rounding);
  return {
    ok: true,
    county: { code: dataset.county.code, name: dataset.county.name },
    plan: { id: plan.id, title: plan.title, year: plan.year },
    records: recordCount,
    excluded: excludedTotal(report.scored.exclusions),
    townships: report.townships.map((t) => ({
      rank: t.rank,
      code: t.assessment.townshipCode,
      name: t.name,
      core: show(t.assessment.core.score),
      collaborative: show(t.assessment.collaborative.score),
      total: show(t.assessment.total),
      coreExact: String(t.assessment.core.score),
      collaborativeExact: String(t.assessment.collaborative.score),
      totalExact: String(t.assessment.total),
      grade: t.grade,
      gradeReason: t.gradeReason,
      summary: t.summary,
    })),
    departments: report.departments.map((d) => ({
      rank: d.rank,
      code: d.assessment.departmentCode,
      name: d.name,
      total: show(d.assessment.total),
      totalExact: String(d.assessment.total),
      planPoints: show(d.assessment.planPoints),
      applicablePoints: show(d.assessment.applicablePoints),
      grade: d.grade,
      gradeReason: d.gradeReason,
      summary: d.summary,
    })),
  };
}

function showAssessment(output: Output, year: StoredAssessment): ExitCode {
  if (output.json) {
    writeJson(output.io, assessmentJson(year));
    return EXIT.OK;
  }
  const { dataset, plan, recordCount, report, policy } = year;
  output.io.stdout(
    `${dataset.county.name} ${plan.year} 年考核:${plan.title}\n` +
      `记录 ${recordCount} 条,其中 ${excludedTotal(report.scored.exclusions)} 条不计分(清单外、已收回等,规则S7)\n\n` +
      `乡镇(街道)排名:\n${renderTownshipRanking(report, policy.rounding)}\n\n` +
      `县级部门排名:\n${renderDepartmentRanking(report, policy.rounding)}\n`,
  );
  return EXIT.OK;
}

/** The options of `assess`. */
export interface AssessOptions extends StoreOptions {
  readonly year?: string;
}

/**
 * `dutylist assess [--county CODE] --year YEAR [--json]`: the year's township ranking and
 * department scores from the stored plan and records.
 * @example await runAssess({ year: "2025" }, io) // 0
 */
export async function runAssess(options: AssessOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: options.json === true };
  const year = parseYearOption(options.year);
  if (!year.ok) return fail(output, year.errors[0]);
  return withDatabase(io, options.dataDir, async (db) => {
    const loaded = await loadStoredAssessment(db, options.county, year.value, { tallied: true });
    return loaded.ok ? showAssessment(output, loaded.value) : fail(output, loaded.errors[0]);
  });
}

/** Adds `assess` to the program. */
export function registerAssess(program: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    program
      .command("assess")
      .summary("年度考核排名 (the year's ranking)")
      .description(
        "按库中的考核方案和记录计算年度考核:乡镇(街道)排名(名次、核心得分、协同得分、总分、等次)和县级部门得分。\n" +
          "(The year's township ranking and department scores from the stored plan and records.)",
      )
      .usage("--year YEAR [--county CODE] [--json]")
      .option("--year <YEAR>", "考核年度,如 2025 (the year)"),
  )
    .addHelpText("after", helpNotes("没有该年考核方案的年度:不存在(退出码 3)。"))
    .action(async (options: AssessOptions) => exit(await runAssess(options, io)));
}
