// A county's policy settings: the defaults the seed texts never state, kept apart from the rules.

import type { OperationError } from "../base/domain-error.ts";
import { DEFAULT_ROUNDING, exact, isDecimalString, type RoundingOptions } from "../base/exact-decimal.ts";
import { collect, type Result } from "../base/result.ts";
import { DEFAULT_GRADING, type GradingRule, type QuotaTiePolicy, validateGradingRule } from "./grading.ts";

/**
 * A county's policy settings (政策设定, 非规则): choices the seed texts leave to the county and the
 * engine would otherwise make silently. Each field is **policy, not a rule**; the defaults are
 * `DEFAULT_COUNTY_POLICY`, which every county has until it sets its own.
 * @example const policy: CountyPolicy = { ...DEFAULT_COUNTY_POLICY, resemblanceThreshold: "0.7" };
 */
export interface CountyPolicy {
  /**
   * Policy: how indicators that do not apply to a subject count. `PRORATE` (default) scales the
   * track's score to the plan's points (按比例折算); `EXCLUDE` leaves their points out. The seeds do
   * not say.
   */
  readonly notApplicable: "PRORATE" | "EXCLUDE";
  /**
   * Policy: how townships are graded. Default `DEFAULT_GRADING`: 优秀 for at most 30 % (S9's
   * example) **and only at ≥ 90** (policy: the seeds set no score for 优秀), then 良好 ≥ 80,
   * 合格 ≥ 60 (policy), else 不合格.
   */
  readonly townshipGrading: GradingRule;
  /** Policy: how departments are graded; default `DEFAULT_GRADING`, as townships. */
  readonly departmentGrading: GradingRule;
  /** Policy: a tie at a quota's cut is not split (`NONE`, default) or all gets the top grade (`ALL`). */
  readonly quotaTies: QuotaTiePolicy;
  /**
   * Policy: the similarity (0–1, character-bigram Dice) at or above which a proposal is flagged as
   * resembling a reclaimed item (L6 says "closely resembles"; the figure is the county's). Default
   * "0.6".
   */
  readonly resemblanceThreshold: string;
  /**
   * Policy: how published figures are rounded (S8: once, at presentation; "configurable"). Default
   * half-up to 2 places. Ranks and grades are decided on the figures as rounded (S9).
   */
  readonly rounding: RoundingOptions;
}

/**
 * The policy every county has until it sets its own: prorate inapplicable indicators, grade by
 * `DEFAULT_GRADING` (≤ 30 % 优秀 at ≥ 90, 良好 ≥ 80, 合格 ≥ 60), never split a tie at a quota's cut,
 * flag resemblances at 0.6, publish half-up to 2 places.
 * @example assess(plan, dataset, records, { policy: DEFAULT_COUNTY_POLICY })
 */
export const DEFAULT_COUNTY_POLICY: CountyPolicy = {
  notApplicable: "PRORATE",
  townshipGrading: DEFAULT_GRADING,
  departmentGrading: DEFAULT_GRADING,
  quotaTies: "NONE",
  resemblanceThreshold: "0.6",
  rounding: DEFAULT_ROUNDING,
};

/**
 * Each setting of a policy with its value, in Chinese, in a fixed order: what the exports list
 * under 政策设定(非规则).
 * @example describeCountyPolicy(DEFAULT_COUNTY_POLICY)[0] // { key: "notApplicable", name: "不适用指标的计分", value: "按比例折算(PRORATE)" }
 */
export function describeCountyPolicy(
  policy: CountyPolicy,
): { readonly key: keyof CountyPolicy; readonly name: string; readonly value: string }[] {
  const mode = { HALF_UP: "四舍五入", HALF_EVEN: "银行家舍入", DOWN: "截断" } as const;
  return [
    {
      key: "notApplicable",
      name: "不适用指标的计分",
      value: policy.notApplicable === "PRORATE" ? "按比例折算(PRORATE)" : "不计入(EXCLUDE)",
    },
    { key: "townshipGrading", name: "乡镇等次评定", value: describeGrading(policy.townshipGrading) },
    { key: "departmentGrading", name: "部门等次评定", value: describeGrading(policy.departmentGrading) },
    {
      key: "quotaTies",
      name: "名额线上的并列",
      value:
        policy.quotaTies === "NONE" ? "不拆分,并列者均不评最高等次(NONE)" : "不拆分,并列者均评最高等次(ALL)",
    },
    { key: "resemblanceThreshold", name: "相似事项提示阈值", value: policy.resemblanceThreshold },
    {
      key: "rounding",
      name: "公布分数的舍入",
      value: `${mode[policy.rounding.mode]},保留${policy.rounding.places}位小数(${policy.rounding.mode})`,
    },
  ];
}

function describeGrading(rule: GradingRule): string {
  const thresholds = (grades: readonly { grade: string; minScore: string }[], fallback: string) =>
    `${grades.map((g) => `${g.grade}≥${g.minScore}`).join("、")},其余${fallback}`;
  switch (rule.kind) {
    case "SAME":
      return `均为${rule.grade}`;
    case "THRESHOLDS":
      return thresholds(rule.grades, rule.fallback);
    case "QUOTA": {
      const share = exact(rule.top.maxShare).times(100).toFixed();
      const min = rule.top.minScore === null ? "" : `且≥${rule.top.minScore}`;
      const rest =
        rule.otherwise.kind === "SAME"
          ? `其余${rule.otherwise.grade}`
          : thresholds(rule.otherwise.grades, rule.otherwise.fallback);
      return `${rule.top.grade}不超过${share}%${min};${rest}`;
    }
  }
}

/**
 * Why a county policy was refused, naming the field.
 * @example { _tag: "INVALID_FIELD", field: "resemblanceThreshold", message: "…" }
 */
export type InvalidCountyPolicy = Extract<OperationError, { readonly _tag: "INVALID_FIELD" }>;

/**
 * Checks a county's policy: grading rules valid (`validateGradingRule`), a resemblance threshold
 * in (0, 1], 0–6 rounding places.
 * @example validateCountyPolicy(DEFAULT_COUNTY_POLICY).ok // true
 */
export function validateCountyPolicy(policy: CountyPolicy): Result<CountyPolicy, InvalidCountyPolicy> {
  const found: InvalidCountyPolicy[] = [];
  for (const key of ["townshipGrading", "departmentGrading"] as const) {
    const checked = validateGradingRule(policy[key]);
    if (!checked.ok) for (const e of checked.errors) found.push({ ...e, field: `${key}.${e.field}` });
  }
  const t = policy.resemblanceThreshold;
  if (!isDecimalString(t) || exact(t).lte(0) || exact(t).gt(1)) {
    found.push({
      _tag: "INVALID_FIELD",
      field: "resemblanceThreshold",
      message: `resemblanceThreshold:"${t}" 须为大于0、不超过1的比例,如 0.6`,
    });
  }
  const places = policy.rounding.places;
  if (!Number.isInteger(places) || places < 0 || places > 6) {
    found.push({
      _tag: "INVALID_FIELD",
      field: "rounding.places",
      message: `rounding.places:${places} 须为0到6的整数`,
    });
  }
  return collect(found, policy);
}

/**
 * A county's stored settings over the defaults: what a county has not set is the default.
 * @example countyPolicyOf({ resemblanceThreshold: "0.7" }).rounding // DEFAULT_ROUNDING
 */
export function countyPolicyOf(settings: Partial<CountyPolicy>): CountyPolicy {
  return { ...DEFAULT_COUNTY_POLICY, ...settings };
}
