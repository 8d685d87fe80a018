import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { listsOfYear } from "../lists/lists-of-year.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { checkDepartmentBinding, checkTownshipBinding } from "./plan-binding-checks.ts";
import { PlanChecker } from "./plan-checker.ts";
import type { IndicatorReach, PlanValidation } from "./plan-issue.ts";
import { checkMethod } from "./plan-method-check.ts";
import { checkResemblances } from "./plan-resemblance-check.ts";

/**
 * Validates an assessment plan against the county's lists of the plan's year (S1–S6, S8, S10),
 * reporting every issue at once. A township indicator must bind basic (core score, S2) or
 * cooperative (collaborative score, S3) items that are on some township's list of that type on
 * some day of `[year-01-01, (year+1)-01-01)`; items reclaimed wherever they are listed, off-list
 * or unknown items, and bindings to nothing are errors (S1). Department indicators bind items
 * reclaimed to a department or cooperative items a department leads (S4, S5), list execution (S5)
 * or the townships' ratings (S6). Items reclaimed in some township for part of the year are valid
 * with a PARTLY_RECLAIMED warning: scoring excludes the records dated while reclaimed (S7). A
 * township indicator whose name resembles an item reclaimed in the county that year gets a
 * RESEMBLES_RECLAIMED warning (L6, 明减暗增).
 * The entries are read once, whatever the number of indicators.
 * @example
 * const { valid, issues } = validateAssessmentPlan(demoAssessmentPlan(), demoCounty());
 * valid // true
 * issues.map((i) => [i.indicatorCode, i.code, i.townshipCodes]) // [["T04-2", "PARTLY_RECLAIMED", ["QX-CG", "QX-QX"]]]
 */
export function validateAssessmentPlan(plan: AssessmentPlan, dataset: CountyDataset): PlanValidation {
  const yearValid = Number.isSafeInteger(plan.year) && plan.year >= 1000 && plan.year <= 9998;
  const lists = yearValid
    ? listsOfYear(dataset, `${plan.year}-01-01` as IsoDate, `${plan.year + 1}-01-01` as IsoDate)
    : null;
  const checker = new PlanChecker(plan, dataset, lists);
  const label = (code: string, name: string) => `指标 ${code}「${name}」`;

  if (plan.countyCode !== dataset.county.code) {
    checker.report(
      "WRONG_COUNTY",
      "S1",
      null,
      `考核方案「${plan.title}」属于 ${plan.countyCode},不能依 ${dataset.county.name}(${dataset.county.code})的清单考核(S1)`,
    );
  }
  if (!yearValid) {
    checker.report(
      "INVALID_YEAR",
      "S1",
      null,
      `考核方案「${plan.title}」的年度 ${plan.year} 无效,无法确定据以考核的清单,指标绑定未予核对(S1)`,
    );
  }

  const parents = checkLevels(checker, plan, label);

  const perIndicator: IndicatorReach[] = [];
  for (const indicator of plan.indicators) {
    const at = label(indicator.code, indicator.name);
    checkPlace(checker, indicator, parents, label);
    checkMethod(checker, indicator, at);
    perIndicator.push(
      indicator.subject === "TOWNSHIP"
        ? checkTownshipBinding(checker, indicator, at)
        : checkDepartmentBinding(checker, indicator, at),
    );
  }
  // L6: an indicator that resembles a reclaimed item is flagged for review.
  if (yearValid)
    checkResemblances(
      checker,
      plan,
      dataset,
      `${plan.year}-01-01` as IsoDate,
      `${plan.year + 1}-01-01` as IsoDate,
    );
  const issues = checker.issues;
  return { valid: issues.every((i) => i.severity !== "ERROR"), issues, perIndicator };
}

type Label = (code: string, name: string) => string;

/** S10: the two levels the compression rate counts are well formed; the first level by code. */
function checkLevels(
  checker: PlanChecker,
  plan: AssessmentPlan,
  label: Label,
): ReadonlyMap<string, AssessmentPlan["firstLevel"][number]> {
  // S10: the two levels the compression rate counts must be well formed.
  const occurrences = new Map<string, number>();
  for (const { code } of [...plan.firstLevel, ...plan.indicators])
    occurrences.set(code, (occurrences.get(code) ?? 0) + 1);
  for (const [code, count] of occurrences) {
    if (count > 1)
      checker.report(
        "DUPLICATE_CODE",
        "S10",
        code,
        `指标编码 ${code} 在考核方案中出现 ${count} 次,指标编码须唯一(S10)`,
      );
  }
  const parents = new Map<string, AssessmentPlan["firstLevel"][number]>();
  for (const first of plan.firstLevel) if (!parents.has(first.code)) parents.set(first.code, first);
  const children = new Set(plan.indicators.map((i) => i.parentCode));
  for (const first of parents.values()) {
    if (!children.has(first.code))
      checker.report(
        "EMPTY_FIRST_LEVEL",
        "S10",
        first.code,
        `一级${label(first.code, first.name)}下没有二级指标,计入一级指标数但不考核任何内容(S10)`,
      );
  }
  return parents;
}

/** S2, S4, S10: an indicator's place: its first-level parent, its subject and its track. */
function checkPlace(
  checker: PlanChecker,
  indicator: Indicator,
  parents: ReadonlyMap<string, AssessmentPlan["firstLevel"][number]>,
  label: Label,
): void {
  const at = label(indicator.code, indicator.name);
  const parent = parents.get(indicator.parentCode);
  if (parent === undefined) {
    checker.report(
      "UNKNOWN_PARENT",
      "S10",
      indicator.code,
      `${at}的上级指标 ${indicator.parentCode} 不是本方案的一级指标(S10)`,
    );
  } else if (parent.subject !== indicator.subject) {
    checker.report(
      "SUBJECT_MISMATCH",
      "S10",
      indicator.code,
      `${at}考核${indicator.subject === "TOWNSHIP" ? "乡镇" : "部门"},但其一级${label(parent.code, parent.name)}考核${parent.subject === "TOWNSHIP" ? "乡镇" : "部门"}(S10)`,
    );
  }
  if (indicator.subject === "TOWNSHIP" && indicator.track === null) {
    checker.report(
      "MISSING_TRACK",
      "S2",
      indicator.code,
      `${at}考核乡镇,须指明计入核心考核得分(基本履职事项,S2)还是协同评价得分(配合履职事项,S3)`,
    );
  }
  if (indicator.subject === "DEPARTMENT" && indicator.track !== null) {
    checker.report(
      "UNEXPECTED_TRACK",
      "S4",
      indicator.code,
      `${at}考核部门,不计入乡镇的核心考核或协同评价得分,不应指明得分类别 ${indicator.track}(S4)`,
    );
  }
}
