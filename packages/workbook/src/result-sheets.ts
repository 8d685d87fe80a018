import {
  type AssessmentPlan,
  type AssessmentReport,
  type CountyDataset,
  type CountyPolicy,
  DEFAULT_COUNTY_POLICY,
  type Determination,
  type DeterminationListType,
  describeExclusions,
  describeIndicatorResult,
  EXCLUSION_REASON_NAMES,
  type ExactFigure,
  type Factor,
  formatBasis,
  LIST_TYPE_NAMES,
  type NamedParty,
  ROLE_NAMES,
  type Role,
  roundForPresentation,
  type ScoringMethodKind,
  type TownshipTrack,
  type WhistleFigures,
} from "@dutylist/core";
import { countyPolicySheet } from "./policy-sheet.ts";
import { type ScoreFact, scoreFacts } from "./score-facts.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";
import { whistleSheet } from "./whistle-sheet.ts";

// Results as sheets for organisation departments' reports and BI tools: the year's rankings and
// breakdowns, and the stored responsibility determinations. Figures are decimal strings as the
// core presents them (S8); nothing here rounds on its own.

/**
 * The names of the result sheets, as the downloads and the workbook write them.
 * @example RESULT_SHEET_NAMES.townshipRanking // "乡镇排名"
 */
export const RESULT_SHEET_NAMES = {
  townshipRanking: "乡镇排名",
  townshipScores: "乡镇得分明细",
  departmentRanking: "部门排名",
  departmentScores: "部门得分明细",
  excluded: "排除记录",
  determinations: "责任认定",
} as const;

/** A figure as the core presents it (S8): half-up to 2 places. */
const shown = (value: ExactFigure): string => roundForPresentation(value);

/** The exact figure, never in exponent notation (a spreadsheet would read `1e-7` as text). */
const exactText = (value: ExactFigure): string => value.toFixed();

/** 考核类别 (S2, S3), as the plan's headings name the two scores. */
const TRACK_NAMES: Readonly<Record<TownshipTrack, string>> = { CORE: "核心考核", COLLABORATIVE: "协同评价" };

/** 计分方法 (S8), in the words of the core's 计算说明. */
const METHOD_NAMES: Readonly<Record<ScoringMethodKind, string>> = {
  RATIO: "比率法",
  DEDUCTION: "扣分法",
  GRADED: "评分法",
  PASS_FAIL: "达标法",
};

const yesNo = (value: boolean): string => (value ? "是" : "否");

/** Subjects in rank order; ties (equal ranks) by code, as the core ranks them (S9). */
function byRank<T extends { readonly rank: number }>(subjects: readonly T[], code: (s: T) => string): T[] {
  return [...subjects].sort(
    (a, b) => a.rank - b.rank || (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0),
  );
}

/**
 * 乡镇排名: one row per township in rank order, with its core and collaborative scores (S2, S3),
 * total, grade and the core's reasons (S9).
 * @example townshipRankingSheet(report).rows[0]?.[0] // 1
 */
export function townshipRankingSheet(report: AssessmentReport): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.townshipRanking,
    header: [
      "名次",
      "乡镇(街道)编码",
      "乡镇(街道)",
      "核心得分",
      "协同得分",
      "总分",
      "等次",
      "等次依据",
      "说明",
    ],
    rows: byRank(report.townships, (t) => t.assessment.townshipCode).map((t) => [
      t.rank,
      t.assessment.townshipCode,
      t.name,
      shown(t.assessment.core.score),
      shown(t.assessment.collaborative.score),
      shown(t.assessment.total),
      t.grade,
      t.gradeReason,
      t.summary,
    ]),
  };
}

/**
 * 部门排名: one row per department in rank order, with its total (S4–S6), the points that apply
 * to it, grade and the core's reasons (S9).
 * @example departmentRankingSheet(report).header[3] // "得分"
 */
export function departmentRankingSheet(report: AssessmentReport): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.departmentRanking,
    header: ["名次", "部门编码", "部门", "得分", "适用分值", "方案分值", "等次", "等次依据", "说明"],
    rows: byRank(report.departments, (d) => d.assessment.departmentCode).map((d) => [
      d.rank,
      d.assessment.departmentCode,
      d.name,
      shown(d.assessment.total),
      shown(d.assessment.applicablePoints),
      shown(d.assessment.planPoints),
      d.grade,
      d.gradeReason,
      d.summary,
    ]),
  };
}

/** The columns a township's and a department's breakdown share, after the subject's. */
const FACT_HEADER = [
  "计分方法",
  "分值",
  "得分",
  "精确得分",
  "是否适用",
  "计入记录数",
  "排除记录数",
  "排除原因",
  "计算说明",
] as const;

function factCells(fact: ScoreFact): Cell[] {
  const { result, exclusions, excludedCount } = fact.view;
  return [
    METHOD_NAMES[result.indicator.method.kind],
    shown(result.points),
    shown(result.score),
    exactText(result.score),
    yesNo(result.applicable),
    result.recordCount,
    excludedCount,
    excludedCount === 0 ? null : describeExclusions(exclusions),
    describeIndicatorResult(result),
  ];
}

function headingCells(fact: ScoreFact): Cell[] {
  const { result, firstLevel } = fact.view;
  return [
    result.indicator.parentCode,
    firstLevel?.name ?? null,
    result.indicator.code,
    result.indicator.name,
  ];
}

/**
 * 乡镇得分明细 from the facts `scoreFacts(…, "TOWNSHIP", filter)` gives (the rows of the
 * `townshipScoreFacts` connection): one row per township × indicator.
 * @example townshipScoreSheet(scoreFacts(plan, report, "TOWNSHIP", { subjectCode: "QX-CG" })).rows.length // the plan's township indicators
 */
export function townshipScoreSheet(facts: readonly ScoreFact[]): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.townshipScores,
    header: [
      "年度",
      "乡镇(街道)编码",
      "乡镇(街道)",
      "一级指标编码",
      "一级指标",
      "指标编码",
      "二级指标",
      "考核类别",
      ...FACT_HEADER,
    ],
    rows: facts.map((f) => {
      const track = f.view.result.indicator.track;
      return [
        f.year,
        f.subjectCode,
        f.subjectName,
        ...headingCells(f),
        track === null ? null : TRACK_NAMES[track],
        ...factCells(f),
      ];
    }),
  };
}

/**
 * 部门得分明细 from the facts `scoreFacts(…, "DEPARTMENT", filter)` gives (the rows of the
 * `departmentScoreFacts` connection): one row per department × indicator.
 * @example departmentScoreSheet(scoreFacts(plan, report, "DEPARTMENT", { firstLevelCode: "D03" })).name // "部门得分明细"
 */
export function departmentScoreSheet(facts: readonly ScoreFact[]): OutputSheet {
  return {
    name: RESULT_SHEET_NAMES.departmentScores,
    header: ["年度", "部门编码", "部门", "一级指标编码", "一级指标", "指标编码", "二级指标", ...FACT_HEADER],
    rows: facts.map((f) => [f.year, f.subjectCode, f.subjectName, ...headingCells(f), ...factCells(f)]),
  };
}

const SUBJECT_KIND_NAMES = { TOWNSHIP: "乡镇(街道)", DEPARTMENT: "部门" } as const;

/**
 * 排除记录: every record the year's scores left out, with its reason and rule (S7), subjects by
 * name from the dataset.
 * @example excludedRecordSheet(report, plan, dataset).rows.length === report.scored.excluded.length // true
 */
export function excludedRecordSheet(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
): OutputSheet {
  const townships = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const departments = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const indicators = new Map(plan.indicators.map((i) => [i.code, i.name]));
  return {
    name: RESULT_SHEET_NAMES.excluded,
    header: [
      "记录编号",
      "日期",
      "指标编码",
      "二级指标",
      "考核对象类型",
      "考核对象编码",
      "考核对象",
      "乡镇(街道)",
      "事项编码",
      "事项说明",
      "排除原因",
      "规则",
      "说明",
    ],
    rows: report.scored.excluded.map(({ record, reason, ruleId, message }) => [
      record.id,
      record.date,
      record.indicatorCode,
      indicators.get(record.indicatorCode) ?? null,
      SUBJECT_KIND_NAMES[record.subject.kind],
      record.subject.code,
      (record.subject.kind === "TOWNSHIP" ? townships : departments).get(record.subject.code) ?? null,
      townships.get(record.townshipCode) ?? record.townshipCode,
      record.itemCode,
      record.matter,
      EXCLUSION_REASON_NAMES[reason],
      ruleId,
      message,
    ]),
  };
}

/**
 * The year's results as a workbook: 乡镇排名, 乡镇得分明细, 部门排名, 部门得分明细 (every
 * subject × indicator), 排除记录 (S7) and the county's 政策设定(非规则) the year was scored with.
 * @example assessmentResultSheets(assess(plan, dataset, records), plan, dataset).map((s) => s.name) // ["乡镇排名", "乡镇得分明细", "部门排名", "部门得分明细", "排除记录", "政策设定(非规则)"]
 */
export function assessmentResultSheets(
  report: AssessmentReport,
  plan: AssessmentPlan,
  dataset: CountyDataset,
  policy: CountyPolicy = DEFAULT_COUNTY_POLICY,
  whistles: readonly WhistleFigures[] | null = null,
): OutputSheet[] {
  return [
    townshipRankingSheet(report),
    townshipScoreSheet(scoreFacts(plan, report, "TOWNSHIP")),
    departmentRankingSheet(report),
    departmentScoreSheet(scoreFacts(plan, report, "DEPARTMENT")),
    excludedRecordSheet(report, plan, dataset),
    // H2: the whistle loop's figures of the year, beside the S5 scores they feed.
    ...(whistles === null ? [] : [whistleSheet(whistles, dataset)]),
    countyPolicySheet(policy),
  ];
}

const DETERMINATION_LIST_TYPE_NAMES: Readonly<Record<DeterminationListType, string>> = {
  ...LIST_TYPE_NAMES,
  TEMPORARY: "临时性工作任务",
  OFF_LIST: "清单外事项",
};

const FACTOR_KIND_NAMES: Readonly<Record<Factor["kind"], string>> = {
  AGGRAVATING: "从重",
  MITIGATING: "从轻",
};

/** What the rows are narrowed to, as `determinationFacts` narrows; null or absent: no narrowing. */
export interface DeterminationSheetOptions {
  /** The township of the failure. */
  readonly townshipCode?: string | null | undefined;
  readonly role?: Role | null | undefined;
  /** A township's or a department's code. */
  readonly partyCode?: string | null | undefined;
  /** Township names by code, for the 乡镇(街道) column; the code when a name is missing. */
  readonly townshipNames?: ReadonlyMap<string, string>;
}

function listVersionText(d: Determination): string {
  const v = d.listVersion;
  const since = v.effectiveFrom === null ? "" : `,自${v.effectiveFrom}起`;
  const change = v.changeId === null ? "" : `,${v.changeId}`;
  return `第${v.number}版${since}${change}`;
}

function subjectCells(d: Determination): [Cell, Cell, Cell] {
  const subject = d.failure.subject;
  const itemCode = subject.kind === "ITEM" ? subject.itemCode : (d.temporaryTask?.id ?? null);
  const itemName = d.entry?.content.name ?? d.temporaryTask?.content ?? null;
  return [itemCode, itemName, subject.kind === "MATTER" ? subject.description : null];
}

function partyCells(party: NamedParty): [Cell, Cell, Cell] {
  return [party.code, party.name, SUBJECT_KIND_NAMES[party.kind]];
}

/**
 * 责任认定: one row per party of each stored determination (what `listDeterminations` returns),
 * in its order, with the role, the rules that gave it (A1–A11), factors, reason, explanation,
 * the list version in force and the basis cited; narrowed like `determinationFacts`.
 * @example determinationSheet(await listDeterminations(db, "QX"), { role: "PRIMARY" }).rows.map((r) => r[11]) // ["主要责任", …]
 */
export function determinationSheet(
  determinations: readonly Determination[],
  options: DeterminationSheetOptions = {},
): OutputSheet {
  const rows = determinations
    .filter((d) => options.townshipCode == null || d.failure.townshipCode === options.townshipCode)
    .flatMap((d) =>
      d.parties
        .filter(
          (p) =>
            (options.role == null || p.role === options.role) &&
            (options.partyCode == null || p.party.code === options.partyCode),
        )
        .map((p): Cell[] => [
          d.decisionId,
          d.failure.date,
          d.failure.townshipCode,
          options.townshipNames?.get(d.failure.townshipCode) ?? d.failure.townshipCode,
          ...subjectCells(d),
          DETERMINATION_LIST_TYPE_NAMES[d.listType],
          ...partyCells(p.party),
          ROLE_NAMES[p.role],
          p.ruleIds.join("、"),
          p.factors.length === 0
            ? null
            : p.factors.map((f) => `${FACTOR_KIND_NAMES[f.kind]}:${f.description}(${f.ruleId})`).join(";"),
          p.reason,
          p.explanation,
          listVersionText(d),
          p.citations.length === 0 ? null : p.citations.map((c) => formatBasis(c.basis)).join(";"),
          // The core's messages name their rule already.
          d.violations.length === 0 ? null : d.violations.map((v) => v.message).join(";"),
        ]),
    );
  return {
    name: RESULT_SHEET_NAMES.determinations,
    header: [
      "认定编号",
      "发生日期",
      "乡镇(街道)编码",
      "乡镇(街道)",
      "事项编码",
      "事项名称",
      "事项说明",
      "清单类型",
      "当事方编码",
      "当事方",
      "当事方类型",
      "责任",
      "规则",
      "情节",
      "不担责理由",
      "说明",
      "清单版本",
      "依据",
      "发现的违规",
    ],
    rows,
  };
}
