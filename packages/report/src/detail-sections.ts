import {
  type AssessmentPlan,
  type AssessmentReport,
  type CountyDataset,
  type CountyPolicy,
  describeCountyPolicy,
  EXCLUSION_REASON_NAMES,
  type ExcludedRecord,
  type ExclusionReason,
  type WhistleFigures,
} from "@dutylist/core";
import { paragraph, renderTable } from "./html-table.ts";
import { type Show, section } from "./ranking-sections.ts";
import type { ReportCompression } from "./report-input.ts";

// The report's later sections: excluded records (S7) and execution inputs that do not count (S5),
// indicator compression (S10), the whistle loop (H2) and the county's policy settings.

const SUBJECT_KIND_NAMES = { TOWNSHIP: "乡镇(街道)", DEPARTMENT: "部门" } as const;

/** Off-list matters first (the rejections S7 exists for), then by record id. */
function offListFirst(a: ExcludedRecord, b: ExcludedRecord): number {
  const off = Number(b.reason === "OFF_LIST") - Number(a.reason === "OFF_LIST");
  return off || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);
}

function reasonCounts(report: AssessmentReport): [ExclusionReason, number][] {
  const counts = new Map<ExclusionReason, number>();
  for (const e of report.scored.exclusions) counts.set(e.reason, (counts.get(e.reason) ?? 0) + e.count);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
}

function excludedRecordTable(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
  maxRows: number,
): string {
  const names = new Map<string, string>([
    ...dataset.townships.map((t) => [t.code, t.name] as const),
    ...dataset.departments.map((d) => [d.code, d.name] as const),
  ]);
  const items = new Map(dataset.items.map((i) => [i.code, i.content.name]));
  const indicators = new Map(plan.indicators.map((i) => [i.code, i.name]));
  const listed = [...report.scored.excluded].sort(offListFirst);
  const table = renderTable(
    [
      { header: "记录编号" },
      { header: "日期" },
      { header: "指标" },
      { header: "考核对象" },
      { header: "乡镇(街道)" },
      { header: "事项" },
      { header: "排除原因" },
      { header: "规则" },
      { header: "说明" },
    ],
    listed
      .slice(0, maxRows)
      .map(({ record, reason, ruleId, message }) => [
        record.id,
        record.date,
        indicators.get(record.indicatorCode) ?? record.indicatorCode,
        `${SUBJECT_KIND_NAMES[record.subject.kind]} ${names.get(record.subject.code) ?? record.subject.code}`,
        names.get(record.townshipCode) ?? record.townshipCode,
        record.itemCode === null
          ? `清单外:${record.matter ?? ""}`
          : `${record.itemCode} ${items.get(record.itemCode) ?? record.matter ?? ""}`,
        EXCLUSION_REASON_NAMES[reason],
        ruleId,
        message,
      ]),
    { className: "excluded" },
  );
  const more = listed.length - maxRows;
  return more > 0
    ? `${table}\n${paragraph(`其余 ${more} 条见考核结果工作簿(assessment.xlsx)的“排除记录”表。`, "note")}`
    : table;
}

/**
 * 四、排除记录: every excluded record counted by reason (S7), off-list matters first in the list of
 * records (when the report holds them), and the whistles and push-down reports that do not count (S5).
 * @example exclusionSection(report, plan, dataset, 200) // "<section id=\"excluded\" …>…清单外事项…"
 */
export function exclusionSection(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
  maxRows: number,
): string {
  const counts = reasonCounts(report);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const offList = counts.find(([reason]) => reason === "OFF_LIST")?.[1] ?? 0;
  const summary = paragraph(
    `本年度共排除考核记录 ${total} 条,其中清单外事项 ${offList} 条。每条记录按其日期有效的清单判定(规则S7),不计入任何得分。`,
    "note",
  );
  const byReason = renderTable(
    [{ header: "排除原因" }, { header: "条数", numeric: true }],
    counts.map(([reason, n]) => [EXCLUSION_REASON_NAMES[reason], n]),
    { className: "exclusion-reasons", empty: "没有被排除的记录" },
  );
  const records =
    report.scored.excluded.length > 0
      ? `<h3>排除记录明细</h3>\n${excludedRecordTable(report, plan, dataset, maxRows)}`
      : total > 0
        ? paragraph("本报告按汇总计分,逐条记录见考核结果工作簿(assessment.xlsx)的“排除记录”表。", "note")
        : "";
  const names = new Map<string, string>([
    ...dataset.townships.map((t) => [t.code, t.name] as const),
    ...dataset.departments.map((d) => [d.code, d.name] as const),
  ]);
  const execution = renderTable(
    [
      { header: "类型" },
      { header: "编号" },
      { header: "部门" },
      { header: "乡镇(街道)" },
      { header: "日期" },
      { header: "说明" },
    ],
    report.scored.excludedExecution.map((e) => [
      e.kind === "WHISTLE" ? "吹哨" : "下推",
      e.id,
      names.get(e.departmentCode) ?? e.departmentCode,
      names.get(e.townshipCode) ?? e.townshipCode,
      e.date,
      e.message,
    ]),
    { className: "excluded-execution", empty: "没有不计入部门的吹哨或下推" },
  );
  return section(
    "excluded",
    "四、排除记录",
    `${summary}\n${byReason}\n${records}\n<h3>不计入部门的吹哨与下推(规则S5)</h3>\n${execution}`,
  );
}

const LEVEL_NAMES = { 1: "一级指标", 2: "二级指标" } as const;

/**
 * 五、指标压减 (S10): per level, the previous and current counts, how many went and the rate.
 * @example compressionSection({ basis: "GIVEN_COUNTS", compression }) // "<section id=\"compression\" …>…78.53%…"
 */
export function compressionSection(compression: ReportCompression | null, year: number): string {
  if (compression === null)
    return section(
      "compression",
      "五、指标压减",
      paragraph(
        `没有 ${year - 1} 年度考核方案,未计算指标压减率(可给出上一方案的一级、二级指标数,规则S10)。`,
        "note",
      ),
    );
  const { firstLevel, secondLevel } = compression.compression;
  const basis =
    compression.basis === "PREVIOUS_PLAN" ? `与 ${year - 1} 年度考核方案相比` : "与给定的上一方案指标数相比";
  const table = renderTable(
    [
      { header: "层级" },
      { header: "上一方案", numeric: true },
      { header: "本方案", numeric: true },
      { header: "压减数", numeric: true },
      { header: "压减率", numeric: true },
    ],
    [firstLevel, secondLevel].map((l) => [
      LEVEL_NAMES[l.level],
      l.previous,
      l.current,
      l.removed,
      `${l.ratePercent}%`,
    ]),
    { className: "compression" },
  );
  return section(
    "compression",
    "五、指标压减",
    `${paragraph(`${basis}(规则S10:压减率 =(上一方案指标数 − 本方案指标数)÷ 上一方案指标数)。`, "note")}\n${table}`,
  );
}

const percent = (show: Show, rate: WhistleFigures["inTimeRate"]): string | null =>
  rate === null ? null : `${show(rate.times(100))}%`;

function whistleTable(
  group: WhistleFigures["groupBy"],
  figures: readonly WhistleFigures[],
  names: ReadonlyMap<string, string>,
  show: Show,
): string {
  return renderTable(
    [
      { header: "名称" },
      { header: "吹哨数", numeric: true },
      { header: "按时报到", numeric: true },
      { header: "逾期报到", numeric: true },
      { header: "未报到", numeric: true },
      { header: "确认办结", numeric: true },
      { header: "按时报到率", numeric: true },
      { header: "办结率", numeric: true },
      { header: "平均办理天数", numeric: true },
    ],
    figures
      .filter((f) => f.groupBy === group)
      .map((f) => [
        names.get(f.code) ?? f.code,
        f.raised,
        f.answeredInTime,
        f.answeredLate,
        f.unanswered,
        f.confirmed,
        percent(show, f.inTimeRate),
        percent(show, f.closureRate),
        f.averageHandlingDays === null ? null : show(f.averageHandlingDays),
      ]),
    { className: `whistles-${group.toLowerCase()}`, empty: "无" },
  );
}

/**
 * 六、吹哨报到 (H2): the year's figures by department (only whistles the lists make it answer for)
 * and by township (every whistle).
 * @example whistleSection(allWhistleFigures(judged), dataset, show) // "<section id=\"whistles\" …>…办结率…"
 */
export function whistleSection(
  figures: readonly WhistleFigures[],
  dataset: CountyDataset,
  show: Show,
): string {
  const names = new Map<string, string>([
    ...dataset.townships.map((t) => [t.code, t.name] as const),
    ...dataset.departments.map((d) => [d.code, d.name] as const),
  ]);
  const note = paragraph(
    "按部门只计清单规定该部门应报到的吹哨;按乡镇(街道)计全部吹哨,基本履职事项上的吹哨不计入任何部门(规则H2、S5)。",
    "note",
  );
  return section(
    "whistles",
    "六、吹哨报到",
    `${note}\n<h3>按部门</h3>\n${whistleTable("DEPARTMENT", figures, names, show)}\n<h3>按乡镇(街道)</h3>\n${whistleTable("TOWNSHIP", figures, names, show)}`,
  );
}

/**
 * 附:政策设定(非规则): the county's settings the year was assessed with.
 * @example policySection(DEFAULT_COUNTY_POLICY) // "<section id=\"policy\" …>…公布分数的舍入…"
 */
export function policySection(policy: CountyPolicy): string {
  const table = renderTable(
    [{ header: "设定" }, { header: "取值" }],
    describeCountyPolicy(policy).map((p) => [p.name, p.value]),
    { className: "policy" },
  );
  return section("policy", "附:政策设定(非规则)", table, "section appendix");
}
