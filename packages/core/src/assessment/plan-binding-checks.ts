import { LIST_TYPE_NAMES } from "../lists/list-entry.ts";
import { resolveSelector, sorted, TYPE_BITS, townshipsWith } from "../lists/lists-of-year.ts";
import type { Indicator } from "./assessment-plan.ts";
import { TRACK_LIST_TYPE } from "./assessment-plan.ts";
import { type PlanChecker, TRACK_NAMES } from "./plan-checker.ts";
import type { IndicatorReach } from "./plan-issue.ts";

/** S1–S3, S5, S6: what a township indicator binds and where it applies. */
export function checkTownshipBinding(
  checker: PlanChecker,
  indicator: Indicator,
  label: string,
): IndicatorReach {
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
      checker.report(
        "DEPARTMENT_ONLY_BINDING",
        "S5",
        indicator.code,
        `${label}考核乡镇,但清单执行情况只用于考核县级部门(S5);乡镇指标须绑定本乡镇的基本或配合履职事项(S1)`,
      );
      return reach([], []);
    case "TWO_WAY_RATING":
      checker.report(
        "DEPARTMENT_ONLY_BINDING",
        "S6",
        indicator.code,
        `${label}考核乡镇,但双向评价是乡镇对县级部门的评价,只用于考核部门(S6)`,
      );
      return reach([], []);
    case "SELECTOR": {
      if (checker.lists === null) return reach([], []);
      const selector = resolveSelector(checker.lists, binding.listType, binding.category);
      const matched = selector.items;
      const what = `${LIST_TYPE_NAMES[binding.listType]}${binding.category === null ? "" : `·${binding.category}`}`;
      if (binding.listType === "RECLAIMED") {
        checker.report(
          "BOUND_TO_RECLAIMED",
          "S1",
          indicator.code,
          `${label}按「${what}」选取事项:严禁将上级部门收回事项作为乡镇考核指标(S1)${matched.length === 0 ? "" : `,涉及 ${checker.items(matched)}`}`,
          matched,
        );
        return reach([], []);
      }
      if (track !== null && binding.listType !== TRACK_LIST_TYPE[track]) {
        checker.report(
          "WRONG_TRACK",
          track === "CORE" ? "S2" : "S3",
          indicator.code,
          `${label}计入${TRACK_NAMES[track]},只能选取${LIST_TYPE_NAMES[TRACK_LIST_TYPE[track]]},不能按「${what}」选取`,
          matched,
        );
        return reach([], []);
      }
      if (matched.length === 0) {
        checker.report(
          "BOUND_TO_NOTHING",
          "S1",
          indicator.code,
          `${label}按「${what}」选取事项,但 ${checker.plan.year} 年度任何乡镇的清单中都没有这样的事项:乡镇考核指标须绑定清单事项(S1)`,
        );
        return reach([], []);
      }
      checker.checkPartlyReclaimed(indicator, label, matched);
      return reach(matched, selector.townships);
    }
    case "ITEMS":
      return townshipItemsReach(checker, indicator, label, binding.itemCodes, reach);
  }
}

/** S1–S3: a township indicator bound to items by code: each must be on a township's list of its track. */
function townshipItemsReach(
  checker: PlanChecker,
  indicator: Indicator,
  label: string,
  itemCodes: readonly string[],
  reach: (items: Iterable<string>, townships: Iterable<string>) => IndicatorReach,
): IndicatorReach {
  const track = indicator.track;
  if (itemCodes.length === 0) {
    checker.report(
      "BOUND_TO_NOTHING",
      "S1",
      indicator.code,
      `${label}未绑定任何清单事项:乡镇考核指标须绑定本乡镇的基本或配合履职事项(S1)`,
    );
    return reach([], []);
  }
  if (checker.lists === null) return reach([], []);
  // Without a track (already reported) either kind of the township's own items will do (S1).
  const required =
    track === null ? TYPE_BITS.BASIC | TYPE_BITS.COOPERATIVE : TYPE_BITS[TRACK_LIST_TYPE[track]];
  const bound: string[] = [];
  const townships = new Set<string>();
  const offList: string[] = [];
  const reclaimed: string[] = [];
  const wrongTrack: string[] = [];
  for (const code of new Set(itemCodes)) {
    const item = checker.lists.items.get(code);
    if (item === undefined) {
      offList.push(code);
      continue;
    }
    if ((item.types & required) !== 0) {
      bound.push(code);
      for (const township of townshipsWith(checker.lists, item, required)) townships.add(township);
    } else if (item.types === TYPE_BITS.RECLAIMED) reclaimed.push(code);
    else wrongTrack.push(code);
  }
  checker.reportItemFaults(indicator, label, offList, reclaimed);
  if (wrongTrack.length > 0 && track !== null) {
    const other = track === "CORE" ? "COOPERATIVE" : "BASIC";
    checker.report(
      "WRONG_TRACK",
      track === "CORE" ? "S2" : "S3",
      indicator.code,
      `${label}计入${TRACK_NAMES[track]},但 ${checker.items(wrongTrack)} 在 ${checker.plan.year} 年度不是任何乡镇的${LIST_TYPE_NAMES[TRACK_LIST_TYPE[track]]}(为${LIST_TYPE_NAMES[other]}),应计入${track === "CORE" ? TRACK_NAMES.COLLABORATIVE : TRACK_NAMES.CORE}`,
      wrongTrack,
    );
  }
  checker.checkPartlyReclaimed(indicator, label, bound);
  return reach(bound, townships);
}

/** S4–S6: what a department indicator binds and whom it concerns. */
export function checkDepartmentBinding(
  checker: PlanChecker,
  indicator: Indicator,
  label: string,
): IndicatorReach {
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
      return reach([], [], checker.allDepartments);
    case "SELECTOR": {
      if (checker.lists === null) return reach([], [], []);
      const selector = resolveSelector(checker.lists, binding.listType, binding.category);
      const matched = selector.items;
      const what = `${LIST_TYPE_NAMES[binding.listType]}${binding.category === null ? "" : `·${binding.category}`}`;
      if (binding.listType === "BASIC") {
        checker.report(
          "DEPARTMENT_BINDING",
          "S4",
          indicator.code,
          `${label}考核部门,但按「${what}」选取的是乡镇必须为、负全责的事项:部门只就收回至本部门的事项(S4)和本部门牵头的配合事项(S5)考核`,
          matched,
        );
        return reach([], [], []);
      }
      if (matched.length === 0) {
        checker.report(
          "BOUND_TO_NOTHING",
          "S4",
          indicator.code,
          `${label}按「${what}」选取事项,但 ${checker.plan.year} 年度任何乡镇的清单中都没有这样的事项(S4)`,
        );
        return reach([], [], []);
      }
      return reach(matched, selector.townships, selector.departments);
    }
    case "ITEMS":
      return departmentItemsReach(checker, indicator, label, binding.itemCodes, reach);
  }
}

/** S4, S5: a department indicator bound to items by code: each must be reclaimed to or led by a department. */
function departmentItemsReach(
  checker: PlanChecker,
  indicator: Indicator,
  label: string,
  itemCodes: readonly string[],
  reach: (
    items: Iterable<string>,
    townships: Iterable<string>,
    departments: Iterable<string>,
  ) => IndicatorReach,
): IndicatorReach {
  if (itemCodes.length === 0) {
    checker.report(
      "BOUND_TO_NOTHING",
      "S4",
      indicator.code,
      `${label}未绑定任何事项:部门指标须绑定收回至部门的事项或部门牵头的配合事项(S4、S5)`,
    );
    return reach([], [], []);
  }
  if (checker.lists === null) return reach([], [], []);
  const bound: string[] = [];
  const townships = new Set<string>();
  const departments = new Set<string>();
  const offList: string[] = [];
  const notOwned: string[] = [];
  for (const code of new Set(itemCodes)) {
    const item = checker.lists.items.get(code);
    if (item === undefined) offList.push(code);
    else if (item.departments.length === 0) notOwned.push(code);
    else {
      bound.push(code);
      for (const d of item.departments) departments.add(d);
      for (const t of townshipsWith(checker.lists, item, TYPE_BITS.RECLAIMED | TYPE_BITS.COOPERATIVE))
        townships.add(t);
    }
  }
  checker.reportItemFaults(indicator, label, offList, []);
  if (notOwned.length > 0) {
    checker.report(
      "DEPARTMENT_BINDING",
      "S4",
      indicator.code,
      `${label}考核部门,但 ${checker.items(notOwned)} 在 ${checker.plan.year} 年度既未收回至任何部门(S4),也不是部门牵头的配合事项(S5)`,
      notOwned,
    );
  }
  return reach(bound, townships, departments);
}
