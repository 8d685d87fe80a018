import { compareDates, formatInterval, type IsoDate } from "../base/calendar-date.ts";
import { exact, isDecimalString } from "../base/exact-decimal.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { LIST_TYPE_NAMES } from "../lists/list-entry.ts";
import {
  listsOfYear,
  resolveSelector,
  sorted,
  TYPE_BITS,
  townshipsWith,
  type YearLists,
} from "../lists/lists-of-year.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import {
  type IndicatorReach,
  PLAN_ISSUE_KINDS,
  type PlanIssue,
  type PlanIssueCode,
  type PlanRuleId,
  type PlanValidation,
} from "./plan-issue.ts";

/** How many items or townships a message names before saying how many there are. */
const ENUMERATED = 8;

/**
 * Names the first few of `total` things, then how many there are: the issue's fields carry them
 * all, and a message about a province-wide selector stays readable.
 */
function enumerate(labels: readonly string[], unit: string, separator = "、", total = labels.length): string {
  return total <= ENUMERATED
    ? labels.join(separator)
    : `${labels.slice(0, ENUMERATED).join(separator)} 等 ${total} ${unit}`;
}

const TRACK_NAMES = { CORE: "核心考核得分(S2)", COLLABORATIVE: "协同评价得分(S3)" } as const;

/** Everything the checks of one plan share. */
class PlanChecker {
  readonly issues: PlanIssue[] = [];
  private readonly itemNames: ReadonlyMap<string, string>;
  private readonly townshipNames: ReadonlyMap<string, string>;
  private readonly allDepartments: readonly string[];
  private readonly reclaimedCache = new Map<string, { townships: string[]; detail: string } | null>();

  constructor(
    private readonly plan: AssessmentPlan,
    dataset: CountyDataset,
    /** `null` when the year is not one: the bindings cannot be resolved. */
    private readonly lists: YearLists | null,
  ) {
    this.itemNames = new Map(dataset.items.map((i) => [i.code, i.content.name]));
    this.townshipNames = new Map(dataset.townships.map((t) => [t.code, t.name]));
    this.allDepartments = sorted(dataset.departments.map((d) => d.code));
  }

  report(
    code: PlanIssueCode,
    ruleId: PlanRuleId,
    indicatorCode: string | null,
    message: string,
    itemCodes: Iterable<string> = [],
    townshipCodes: Iterable<string> = [],
  ): void {
    this.issues.push({
      indicatorCode,
      code,
      severity: PLAN_ISSUE_KINDS[code].severity,
      ruleId,
      message,
      itemCodes: sorted(itemCodes),
      townshipCodes: sorted(townshipCodes),
    });
  }

  item(code: string): string {
    const name = this.itemNames.get(code);
    return name === undefined ? code : `${code}「${name}」`;
  }

  items(codes: Iterable<string>): string {
    return enumerate(
      sorted(codes).map((c) => this.item(c)),
      "项事项",
    );
  }

  township(code: string): string {
    return `${this.townshipNames.get(code) ?? code}(${code})`;
  }

  /** S8: points, and the deduction per event, are positive decimals. */
  checkMethod(indicator: Indicator, label: string): void {
    const positive = (text: string) => isDecimalString(text) && exact(text).greaterThan(0);
    if (!positive(indicator.points)) {
      this.report(
        "INVALID_POINTS",
        "S8",
        indicator.code,
        `${label}的分值「${indicator.points}」不是正的十进制数(S8)`,
      );
    }
    const method = indicator.method;
    if (method.kind === "DEDUCTION" && !positive(method.perEvent)) {
      this.report(
        "INVALID_DEDUCTION",
        "S8",
        indicator.code,
        `${label}按扣分法计分,但每次扣分「${method.perEvent}」不是正的十进制数(S8)`,
      );
    }
    if (indicator.subject !== "DEPARTMENT") return;
    const binding = indicator.binding;
    // S6: the townships' ratings are graded scores; S5: push-downs and unattended items are
    // deducted per event, guarantees and whistles are counted as met out of owed.
    if (binding.kind === "TWO_WAY_RATING" && method.kind !== "GRADED") {
      this.report(
        "METHOD_MISMATCH",
        "S6",
        indicator.code,
        `${label}为双向评价,按乡镇评分取均值计分(评分法),所设计分方法 ${method.kind} 不起作用(S6)`,
      );
    }
    if (binding.kind !== "LIST_EXECUTION") return;
    const perEvent =
      binding.aspect === "UNREGISTERED_PUSH_DOWNS" || binding.aspect === "RECLAIMED_UNATTENDED";
    if (perEvent && method.kind !== "DEDUCTION") {
      this.report(
        "METHOD_MISMATCH",
        "S5",
        indicator.code,
        `${label}考核擅自转嫁任务或收回事项承接缺位,应按每起扣分(扣分法),而非 ${method.kind}(S5)`,
      );
    } else if (!perEvent && (method.kind === "GRADED" || method.kind === "PASS_FAIL")) {
      this.report(
        "METHOD_MISMATCH",
        "S5",
        indicator.code,
        `${label}考核履职保障落实或吹哨报到响应,按完成比例计分,所设计分方法 ${method.kind} 不起作用(S5)`,
      );
    }
  }

  /** S1–S3, S5, S6: what a township indicator binds and where it applies. */
  checkTownshipBinding(indicator: Indicator, label: string): IndicatorReach {
    const binding = indicator.binding;
    const reach = (items: Iterable<string>, townships: Iterable<string>): IndicatorReach => ({
      indicatorCode: indicator.code,
      boundItems: sorted(items),
      townships: sorted(townships),
      departments: [],
    });
    const track = indicator.track;
    switch (binding.kind) {
      case "LIST_EXECUTION":
        this.report(
          "DEPARTMENT_ONLY_BINDING",
          "S5",
          indicator.code,
          `${label}考核乡镇,但清单执行情况只用于考核县级部门(S5);乡镇指标须绑定本乡镇的基本或配合履职事项(S1)`,
        );
        return reach([], []);
      case "TWO_WAY_RATING":
        this.report(
          "DEPARTMENT_ONLY_BINDING",
          "S6",
          indicator.code,
          `${label}考核乡镇,但双向评价是乡镇对县级部门的评价,只用于考核部门(S6)`,
        );
        return reach([], []);
      case "SELECTOR": {
        if (this.lists === null) return reach([], []);
        const selector = resolveSelector(this.lists, binding.listType, binding.category);
        const matched = selector.items;
        const what = `${LIST_TYPE_NAMES[binding.listType]}${binding.category === null ? "" : `·${binding.category}`}`;
        if (binding.listType === "RECLAIMED") {
          this.report(
            "BOUND_TO_RECLAIMED",
            "S1",
            indicator.code,
            `${label}按「${what}」选取事项:严禁将上级部门收回事项作为乡镇考核指标(S1)${matched.length === 0 ? "" : `,涉及 ${this.items(matched)}`}`,
            matched,
          );
          return reach([], []);
        }
        if (track !== null && binding.listType !== TRACK_LIST_TYPE[track]) {
          this.report(
            "WRONG_TRACK",
            track === "CORE" ? "S2" : "S3",
            indicator.code,
            `${label}计入${TRACK_NAMES[track]},只能选取${LIST_TYPE_NAMES[TRACK_LIST_TYPE[track]]},不能按「${what}」选取`,
            matched,
          );
          return reach([], []);
        }
        if (matched.length === 0) {
          this.report(
            "BOUND_TO_NOTHING",
            "S1",
            indicator.code,
            `${label}按「${what}」选取事项,但 ${this.plan.year} 年度任何乡镇的清单中都没有这样的事项:乡镇考核指标须绑定清单事项(S1)`,
          );
          return reach([], []);
        }
        this.checkPartlyReclaimed(indicator, label, matched);
        return reach(matched, selector.townships);
      }
      case "ITEMS": {
        if (binding.itemCodes.length === 0) {
          this.report(
            "BOUND_TO_NOTHING",
            "S1",
            indicator.code,
            `${label}未绑定任何清单事项:乡镇考核指标须绑定本乡镇的基本或配合履职事项(S1)`,
          );
          return reach([], []);
        }
        if (this.lists === null) return reach([], []);
        // Without a track (already reported) either kind of the township's own items will do (S1).
        const required =
          track === null ? TYPE_BITS.BASIC | TYPE_BITS.COOPERATIVE : TYPE_BITS[TRACK_LIST_TYPE[track]];
        const bound: string[] = [];
        const townships = new Set<string>();
        const offList: string[] = [];
        const reclaimed: string[] = [];
        const wrongTrack: string[] = [];
        for (const code of new Set(binding.itemCodes)) {
          const item = this.lists.items.get(code);
          if (item === undefined) {
            offList.push(code);
            continue;
          }
          if ((item.types & required) !== 0) {
            bound.push(code);
            for (const township of townshipsWith(this.lists, item, required)) townships.add(township);
          } else if (item.types === TYPE_BITS.RECLAIMED) reclaimed.push(code);
          else wrongTrack.push(code);
        }
        this.reportItemFaults(indicator, label, offList, reclaimed);
        if (wrongTrack.length > 0 && track !== null) {
          const other = track === "CORE" ? "COOPERATIVE" : "BASIC";
          this.report(
            "WRONG_TRACK",
            track === "CORE" ? "S2" : "S3",
            indicator.code,
            `${label}计入${TRACK_NAMES[track]},但 ${this.items(wrongTrack)} 在 ${this.plan.year} 年度不是任何乡镇的${LIST_TYPE_NAMES[TRACK_LIST_TYPE[track]]}(为${LIST_TYPE_NAMES[other]}),应计入${track === "CORE" ? TRACK_NAMES.COLLABORATIVE : TRACK_NAMES.CORE}`,
            wrongTrack,
          );
        }
        this.checkPartlyReclaimed(indicator, label, bound);
        return reach(bound, townships);
      }
    }
  }

  /** S1: named items off every list of the year, and items reclaimed wherever they are listed. */
  private reportItemFaults(
    indicator: Indicator,
    label: string,
    offList: readonly string[],
    reclaimed: readonly string[],
  ): void {
    if (offList.length > 0) {
      const why = offList.map((code) =>
        this.itemNames.has(code)
          ? `${this.item(code)}(${this.plan.year} 年度未列入任何乡镇的清单)`
          : `${code}(事项目录中无此事项)`,
      );
      this.report(
        "OFF_LIST_ITEM",
        "S1",
        indicator.code,
        `${label}绑定清单外事项 ${enumerate(why, "项事项")}:清单外的内容不纳入考核(S1)`,
        offList,
      );
    }
    if (reclaimed.length > 0) {
      this.report(
        "BOUND_TO_RECLAIMED",
        "S1",
        indicator.code,
        `${label}绑定的 ${this.items(reclaimed)} 在 ${this.plan.year} 年度列入的各乡镇均为上级部门收回事项:严禁将收回事项作为乡镇考核指标(S1)`,
        reclaimed,
      );
    }
  }

  /**
   * S1 with S7: an item on the indicator's list somewhere but reclaimed in some township for
   * some part of the year is valid; the records dated while it was reclaimed will not count.
   */
  private checkPartlyReclaimed(indicator: Indicator, label: string, items: readonly string[]): void {
    const partly: string[] = [];
    const townships = new Set<string>();
    const details: string[] = [];
    for (const code of items) {
      const reclaimed = this.reclaimedWhere(code);
      if (reclaimed === null) continue;
      partly.push(code);
      for (const township of reclaimed.townships) townships.add(township);
      details.push(reclaimed.detail);
    }
    if (partly.length === 0) return;
    this.report(
      "PARTLY_RECLAIMED",
      "S1",
      indicator.code,
      `${label}绑定的 ${enumerate(details, "项事项", ";")}:收回期间的记录不计入乡镇得分(S1、S7)`,
      partly,
      townships,
    );
  }

  /** Where and since when an item was reclaimed during the year; worked out once per item. */
  private reclaimedWhere(code: string): { townships: string[]; detail: string } | null {
    const known = this.reclaimedCache.get(code);
    if (known !== undefined) return known;
    const item = this.lists?.items.get(code);
    let found: { townships: string[]; detail: string } | null = null;
    if (this.lists !== null && item !== undefined && item.reclaimedEntries.length > 0) {
      const { from, end } = this.lists;
      const townships = sorted(townshipsWith(this.lists, item, TYPE_BITS.RECLAIMED));
      // Only the townships the message shows are spelt out; the issue lists them all.
      const where = townships.slice(0, ENUMERATED).map((township) => {
        const when = item.reclaimedEntries
          .filter((e) => e.townshipCode === township)
          .map((e) => {
            // Dates are strings: compared as such, never through Math.max.
            const start = compareDates(e.effectiveFrom, from) > 0 ? e.effectiveFrom : from;
            const stop = e.effectiveTo === null || e.effectiveTo > end ? end : e.effectiveTo;
            return stop === end ? `自 ${start} 起` : formatInterval({ from: start, to: stop });
          });
        return `${this.township(township)}${when.join("、")}`;
      });
      found = {
        townships,
        detail: `${this.item(code)} 在${enumerate(where, "个乡镇", ";", townships.length)}为上级部门收回事项`,
      };
    }
    this.reclaimedCache.set(code, found);
    return found;
  }

  /** S4–S6: what a department indicator binds and whom it concerns. */
  checkDepartmentBinding(indicator: Indicator, label: string): IndicatorReach {
    const binding = indicator.binding;
    const reach = (
      items: Iterable<string>,
      townships: Iterable<string>,
      departments: Iterable<string>,
    ): IndicatorReach => ({
      indicatorCode: indicator.code,
      boundItems: sorted(items),
      townships: sorted(townships),
      departments: sorted(departments),
    });
    switch (binding.kind) {
      case "LIST_EXECUTION":
      case "TWO_WAY_RATING":
        // S5, S6: every department's list execution and ratings are assessed.
        return reach([], [], this.allDepartments);
      case "SELECTOR": {
        if (this.lists === null) return reach([], [], []);
        const selector = resolveSelector(this.lists, binding.listType, binding.category);
        const matched = selector.items;
        const what = `${LIST_TYPE_NAMES[binding.listType]}${binding.category === null ? "" : `·${binding.category}`}`;
        if (binding.listType === "BASIC") {
          this.report(
            "DEPARTMENT_BINDING",
            "S4",
            indicator.code,
            `${label}考核部门,但按「${what}」选取的是乡镇必须为、负全责的事项:部门只就收回至本部门的事项(S4)和本部门牵头的配合事项(S5)考核`,
            matched,
          );
          return reach([], [], []);
        }
        if (matched.length === 0) {
          this.report(
            "BOUND_TO_NOTHING",
            "S4",
            indicator.code,
            `${label}按「${what}」选取事项,但 ${this.plan.year} 年度任何乡镇的清单中都没有这样的事项(S4)`,
          );
          return reach([], [], []);
        }
        return reach(matched, selector.townships, selector.departments);
      }
      case "ITEMS": {
        if (binding.itemCodes.length === 0) {
          this.report(
            "BOUND_TO_NOTHING",
            "S4",
            indicator.code,
            `${label}未绑定任何事项:部门指标须绑定收回至部门的事项或部门牵头的配合事项(S4、S5)`,
          );
          return reach([], [], []);
        }
        if (this.lists === null) return reach([], [], []);
        const bound: string[] = [];
        const townships = new Set<string>();
        const departments = new Set<string>();
        const offList: string[] = [];
        const notOwned: string[] = [];
        for (const code of new Set(binding.itemCodes)) {
          const item = this.lists.items.get(code);
          if (item === undefined) offList.push(code);
          else if (item.departments.length === 0) notOwned.push(code);
          else {
            bound.push(code);
            for (const d of item.departments) departments.add(d);
            for (const t of townshipsWith(this.lists, item, TYPE_BITS.RECLAIMED | TYPE_BITS.COOPERATIVE))
              townships.add(t);
          }
        }
        this.reportItemFaults(indicator, label, offList, []);
        if (notOwned.length > 0) {
          this.report(
            "DEPARTMENT_BINDING",
            "S4",
            indicator.code,
            `${label}考核部门,但 ${this.items(notOwned)} 在 ${this.plan.year} 年度既未收回至任何部门(S4),也不是部门牵头的配合事项(S5)`,
            notOwned,
          );
        }
        return reach(bound, townships, departments);
      }
    }
  }
}

/**
 * Validates an assessment plan against the county's lists of the plan's year (S1–S6, S8, S10),
 * reporting every issue at once. A township indicator must bind basic (core score, S2) or
 * cooperative (collaborative score, S3) items that are on some township's list of that type on
 * some day of `[year-01-01, (year+1)-01-01)`; items reclaimed wherever they are listed, off-list
 * or unknown items, and bindings to nothing are errors (S1). Department indicators bind items
 * reclaimed to a department or cooperative items a department leads (S4, S5), list execution (S5)
 * or the townships' ratings (S6). Items reclaimed in some township for part of the year are valid
 * with a PARTLY_RECLAIMED warning: scoring excludes the records dated while reclaimed (S7).
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

  const perIndicator: IndicatorReach[] = [];
  for (const indicator of plan.indicators) {
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
    checker.checkMethod(indicator, at);
    perIndicator.push(
      indicator.subject === "TOWNSHIP"
        ? checker.checkTownshipBinding(indicator, at)
        : checker.checkDepartmentBinding(indicator, at),
    );
  }
  const issues = checker.issues;
  return { valid: issues.every((i) => i.severity !== "ERROR"), issues, perIndicator };
}
