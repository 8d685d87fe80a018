import { exact, isDecimalString } from "../base/exact-decimal.ts";
import type { Indicator } from "./assessment-plan.ts";
import type { PlanChecker } from "./plan-checker.ts";

/** S8: points, and the deduction per event, are positive decimals. */
export function checkMethod(checker: PlanChecker, indicator: Indicator, label: string): void {
  const positive = (text: string) => isDecimalString(text) && exact(text).greaterThan(0);
  if (!positive(indicator.points)) {
    checker.report(
      "INVALID_POINTS",
      "S8",
      indicator.code,
      `${label}的分值「${indicator.points}」不是正的十进制数(S8)`,
    );
  }
  const method = indicator.method;
  if (method.kind === "DEDUCTION" && !positive(method.perEvent)) {
    checker.report(
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
    checker.report(
      "METHOD_MISMATCH",
      "S6",
      indicator.code,
      `${label}为双向评价,按乡镇评分取均值计分(评分法),所设计分方法 ${method.kind} 不起作用(S6)`,
    );
  }
  if (binding.kind !== "LIST_EXECUTION") return;
  const perEvent = binding.aspect === "UNREGISTERED_PUSH_DOWNS" || binding.aspect === "RECLAIMED_UNATTENDED";
  if (perEvent && method.kind !== "DEDUCTION") {
    checker.report(
      "METHOD_MISMATCH",
      "S5",
      indicator.code,
      `${label}考核擅自转嫁任务或收回事项承接缺位,应按每起扣分(扣分法),而非 ${method.kind}(S5)`,
    );
  } else if (!perEvent && (method.kind === "GRADED" || method.kind === "PASS_FAIL")) {
    checker.report(
      "METHOD_MISMATCH",
      "S5",
      indicator.code,
      `${label}考核履职保障落实或吹哨报到响应,按完成比例计分,所设计分方法 ${method.kind} 不起作用(S5)`,
    );
  }
}
