// The state the checks of one assessment plan share (S1–S10): issues reported, names, the year's lists.
import { compareDates, formatInterval } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { sorted, TYPE_BITS, townshipsWith, type YearLists } from "../lists/lists-of-year.ts";
import type { AssessmentPlan, Indicator } from "./assessment-plan.ts";
import { PLAN_ISSUE_KINDS, type PlanIssue, type PlanIssueCode, type PlanRuleId } from "./plan-issue.ts";

/** How many items or townships a message names before saying how many there are. */
export const ENUMERATED = 8;

/**
 * Names the first few of `total` things, then how many there are: the issue's fields carry them
 * all, and a message about a province-wide selector stays readable.
 */
export function enumerate(
  labels: readonly string[],
  unit: string,
  separator = "、",
  total = labels.length,
): string {
  return total <= ENUMERATED
    ? labels.join(separator)
    : `${labels.slice(0, ENUMERATED).join(separator)} 等 ${total} ${unit}`;
}

export const TRACK_NAMES = { CORE: "核心考核得分(S2)", COLLABORATIVE: "协同评价得分(S3)" } as const;

export /** Everything the checks of one plan share. */
class PlanChecker {
  readonly issues: PlanIssue[] = [];
  readonly itemNames: ReadonlyMap<string, string>;
  private readonly townshipNames: ReadonlyMap<string, string>;
  readonly allDepartments: readonly string[];
  private readonly reclaimedCache = new Map<string, { townships: string[]; detail: string } | null>();

  constructor(
    readonly plan: AssessmentPlan,
    dataset: CountyDataset,
    /** `null` when the year is not one: the bindings cannot be resolved. */
    readonly lists: YearLists | null,
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

  /** S1: named items off every list of the year, and items reclaimed wherever they are listed. */
  reportItemFaults(
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
  checkPartlyReclaimed(indicator: Indicator, label: string, items: readonly string[]): void {
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
}
