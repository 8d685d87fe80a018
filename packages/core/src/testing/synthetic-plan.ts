import type { AssessmentPlan } from "../assessment/assessment-plan.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { departmentIndicator as department, townshipIndicator as township } from "./plan-indicators.ts";

/**
 * A plan for a generated county and year, bound by list type rather than by item code (a
 * synthetic catalogue has no items a real plan would name): core and collaborative township
 * indicators, reclaimed items, list execution and the two-way rating for departments. It
 * validates against any county `generateCounty` makes. The CLI's `generate --records` and the
 * scoring benchmark both build their plan here.
 * @example syntheticPlan(generateCounty({ seed: 1, townships: 30 }), 2025).indicators.length // 8
 */
export function syntheticPlan(dataset: CountyDataset, year: number): AssessmentPlan {
  const code = dataset.county.code;
  return {
    id: `${code}-PLAN-${year}`,
    countyCode: code,
    year,
    title: `《${dataset.county.name}${year}年度乡镇(街道)和县级部门综合考核方案》`,
    firstLevel: [
      { code: "T01", name: "基本履职", subject: "TOWNSHIP" },
      { code: "T02", name: "协同配合", subject: "TOWNSHIP" },
      { code: "D01", name: "收回事项承接", subject: "DEPARTMENT" },
      { code: "D02", name: "清单执行", subject: "DEPARTMENT" },
      { code: "D03", name: "双向评价", subject: "DEPARTMENT" },
    ],
    indicators: [
      township("T01-1", "基本履职事项完成率", {
        track: "CORE",
        points: "40",
        method: { kind: "RATIO" },
        binding: { kind: "SELECTOR", listType: "BASIC", category: null },
      }),
      township("T01-2", "基本履职事项达标", {
        track: "CORE",
        points: "30",
        method: { kind: "PASS_FAIL" },
        binding: { kind: "SELECTOR", listType: "BASIC", category: null },
      }),
      township("T02-1", "配合履职事项落实", {
        track: "COLLABORATIVE",
        points: "30",
        method: { kind: "DEDUCTION", perEvent: "2" },
        binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: null },
      }),
      department("D01-1", "收回事项承接到位", {
        points: "40",
        method: { kind: "RATIO" },
        binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
      }),
      department("D02-1", "履职保障落实", {
        points: "15",
        method: { kind: "RATIO" },
        binding: { kind: "LIST_EXECUTION", aspect: "GUARANTEES_DELIVERED" },
      }),
      department("D02-2", "吹哨报到响应", {
        points: "15",
        method: { kind: "RATIO" },
        binding: { kind: "LIST_EXECUTION", aspect: "WHISTLES_ANSWERED" },
      }),
      department("D02-3", "擅自向基层转嫁任务", {
        points: "10",
        method: { kind: "DEDUCTION", perEvent: "2" },
        binding: { kind: "LIST_EXECUTION", aspect: "UNREGISTERED_PUSH_DOWNS" },
      }),
      department("D03-1", "乡镇对部门评价", {
        points: "20",
        method: { kind: "GRADED" },
        binding: { kind: "TWO_WAY_RATING" },
      }),
    ],
  };
}
