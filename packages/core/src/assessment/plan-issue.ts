// The issues plan validation reports (S1–S10): a closed set of codes with severity and title.

/**
 * The rules a plan issue can cite (domain.md): S1–S10, and L6 for an indicator resembling a reclaimed item.
 * @example const rule: PlanRuleId = "S1"; // only list items are assessed
 */
export type PlanRuleId = "S1" | "S2" | "S3" | "S4" | "S5" | "S6" | "S8" | "S10" | "L6";

/**
 * An ERROR makes the plan invalid; a WARNING is shown to whoever compiles the plan.
 * @example PLAN_ISSUE_KINDS.EMPTY_FIRST_LEVEL.severity // "WARNING"
 */
export type PlanIssueSeverity = "ERROR" | "WARNING";

// A Record over the codes: a new code without a severity and a title does not compile.
const KINDS = {
  WRONG_COUNTY: { severity: "ERROR", title: "考核方案不属于本县" },
  INVALID_YEAR: { severity: "ERROR", title: "考核年度无效" },
  DUPLICATE_CODE: { severity: "ERROR", title: "指标编码重复" },
  UNKNOWN_PARENT: { severity: "ERROR", title: "上级指标不存在" },
  SUBJECT_MISMATCH: { severity: "ERROR", title: "考核对象与一级指标不一致" },
  EMPTY_FIRST_LEVEL: { severity: "WARNING", title: "一级指标下无二级指标" },
  MISSING_TRACK: { severity: "ERROR", title: "乡镇指标未指明核心考核或协同评价" },
  UNEXPECTED_TRACK: { severity: "ERROR", title: "部门指标不应指明乡镇得分类别" },
  INVALID_POINTS: { severity: "ERROR", title: "分值不是正数" },
  INVALID_DEDUCTION: { severity: "ERROR", title: "每次扣分不是正数" },
  METHOD_MISMATCH: { severity: "WARNING", title: "计分方法与考核内容不符" },
  BOUND_TO_NOTHING: { severity: "ERROR", title: "指标未绑定任何清单事项" },
  BOUND_TO_RECLAIMED: { severity: "ERROR", title: "乡镇指标绑定上级部门收回事项" },
  OFF_LIST_ITEM: { severity: "ERROR", title: "指标绑定清单外事项" },
  WRONG_TRACK: { severity: "ERROR", title: "事项类型与得分类别不符" },
  DEPARTMENT_BINDING: { severity: "ERROR", title: "部门指标绑定的事项不属于任何部门" },
  DEPARTMENT_ONLY_BINDING: { severity: "ERROR", title: "清单执行和双向评价只用于考核部门" },
  PARTLY_RECLAIMED: { severity: "WARNING", title: "事项年度内部分时间或部分乡镇已收回" },
  RESEMBLES_RECLAIMED: { severity: "WARNING", title: "指标与上级部门收回事项相似,疑似明减暗增" },
} as const satisfies Record<string, { readonly severity: PlanIssueSeverity; readonly title: string }>;

/**
 * What is wrong with a plan; a closed union, mapped exhaustively by `PLAN_ISSUE_KINDS`.
 * @example const code: PlanIssueCode = "BOUND_TO_RECLAIMED";
 */
export type PlanIssueCode = keyof typeof KINDS;

/**
 * Each issue code's severity and Chinese title. ERROR codes make a plan invalid; WARNING codes
 * are shown to the compiler of the plan but do not block it.
 * @example PLAN_ISSUE_KINDS.PARTLY_RECLAIMED.severity // "WARNING"
 */
export const PLAN_ISSUE_KINDS: Readonly<
  Record<PlanIssueCode, { readonly severity: PlanIssueSeverity; readonly title: string }>
> = KINDS;

/**
 * Every issue code, for exhaustive mappings (e.g. to GraphQL enums).
 * @example PLAN_ISSUE_CODES.includes("OFF_LIST_ITEM") // true
 */
export const PLAN_ISSUE_CODES = Object.keys(KINDS) as readonly PlanIssueCode[];

/**
 * One problem of a plan, naming the indicator, the rule and the items concerned.
 * @example
 * // { indicatorCode: "T04-1", code: "BOUND_TO_RECLAIMED", severity: "ERROR", ruleId: "S1",
 * //   message: "指标 T04-1「耕地保护日常巡查」绑定的 ZR-002「非法占用土地行政处罚」在 2025 年度…",
 * //   itemCodes: ["ZR-002"], townshipCodes: [] }
 */
export interface PlanIssue {
  /** The indicator (first- or second-level) concerned; `null` for the plan as a whole. */
  readonly indicatorCode: string | null;
  readonly code: PlanIssueCode;
  readonly severity: PlanIssueSeverity;
  readonly ruleId: PlanRuleId;
  /** In Chinese, naming the indicator and why. */
  readonly message: string;
  /** The items at fault (or, for PARTLY_RECLAIMED, partly reclaimed), sorted. */
  readonly itemCodes: readonly string[];
  /** The townships concerned, sorted; empty unless the issue is about particular townships. */
  readonly townshipCodes: readonly string[];
}

/**
 * What a second-level indicator resolves to on the lists of the plan's year.
 * @example { indicatorCode: "T04-1", boundItems: ["ZR-001"], townships: ["QX-BS", "QX-CG", "QX-SM", "QX-TY"], departments: [] }
 */
export interface IndicatorReach {
  readonly indicatorCode: string;
  /** The valid bound items: on a list of the indicator's type in some township during the year. */
  readonly boundItems: readonly string[];
  /** Townships where it applies (township indicators) or where the bound items lie (department ones). */
  readonly townships: readonly string[];
  /** Departments it concerns: owners of its items, or every department for S5/S6 measures. */
  readonly departments: readonly string[];
}

/**
 * The verdict on a plan: every issue at once, and what each indicator reaches.
 * @example validateAssessmentPlan(plan, dataset).issues.filter((i) => i.severity === "ERROR")
 */
export interface PlanValidation {
  /** No ERROR among the issues. */
  readonly valid: boolean;
  readonly issues: readonly PlanIssue[];
  /** One per second-level indicator, in the plan's order. */
  readonly perIndicator: readonly IndicatorReach[];
}
