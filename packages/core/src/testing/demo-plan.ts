import type {
  AssessmentPlan,
  AssessmentSubject,
  FirstLevelIndicator,
  Indicator,
} from "../assessment/assessment-plan.ts";
import { departmentIndicator as department, townshipIndicator as township } from "./plan-indicators.ts";

// 青溪县's 2025 assessment plan (考核方案), bound to the items of demo-county.ts: five township
// headings (core score from basic items, S2; collaborative score from cooperative items, S3) and
// three department headings (reclaimed items, S4; list execution, S5; two-way rating, S6).

const first = (code: string, name: string, subject: AssessmentSubject): FirstLevelIndicator => ({
  code,
  name,
  subject,
});

const firstLevel: readonly FirstLevelIndicator[] = [
  first("T01", "党的建设", "TOWNSHIP"),
  first("T02", "民生服务", "TOWNSHIP"),
  first("T03", "平安法治", "TOWNSHIP"),
  first("T04", "城乡建设和自然资源", "TOWNSHIP"),
  first("T05", "协同配合", "TOWNSHIP"),
  first("D01", "收回事项承接", "DEPARTMENT"),
  first("D02", "清单执行", "DEPARTMENT"),
  first("D03", "双向评价", "DEPARTMENT"),
];

const indicators: readonly Indicator[] = [
  township("T01-1", "村(社区)党组织建设", {
    track: "CORE",
    points: "15",
    method: { kind: "GRADED" },
    binding: { kind: "ITEMS", itemCodes: ["DJ-001"] },
  }),
  township("T02-1", "民生服务基本事项", {
    track: "CORE",
    points: "15",
    method: { kind: "RATIO" },
    binding: { kind: "SELECTOR", listType: "BASIC", category: "民生服务" },
  }),
  township("T03-1", "矛盾纠纷排查化解", {
    track: "CORE",
    points: "12",
    method: { kind: "RATIO" },
    binding: { kind: "ITEMS", itemCodes: ["PA-001"] },
  }),
  township("T04-1", "耕地保护日常巡查", {
    track: "CORE",
    points: "8",
    method: { kind: "PASS_FAIL" },
    binding: { kind: "ITEMS", itemCodes: ["ZR-001"] },
  }),
  // Reclaimed in 城关镇 and 青溪街道 from 2025-07-01: valid, with a PARTLY_RECLAIMED warning (S7).
  township("T04-2", "占道经营管理", {
    track: "CORE",
    points: "10",
    method: { kind: "DEDUCTION", perEvent: "2" },
    binding: { kind: "ITEMS", itemCodes: ["CJ-001"] },
  }),
  // 一镇一策: each item is listed by one township only.
  township("T04-3", "一镇一策特色事项", {
    track: "CORE",
    points: "10",
    method: { kind: "GRADED" },
    binding: { kind: "ITEMS", itemCodes: ["SM-TS-001", "BS-TS-001"] },
  }),
  township("T05-1", "“九小场所”消防安全检查配合", {
    track: "COLLABORATIVE",
    points: "8",
    method: { kind: "DEDUCTION", perEvent: "2" },
    binding: { kind: "ITEMS", itemCodes: ["PA-002"] },
  }),
  township("T05-2", "食品安全隐患排查配合", {
    track: "COLLABORATIVE",
    points: "8",
    method: { kind: "PASS_FAIL" },
    binding: { kind: "ITEMS", itemCodes: ["MS-002"] },
  }),
  township("T05-3", "森林防火配合", {
    track: "COLLABORATIVE",
    points: "8",
    method: { kind: "RATIO" },
    binding: { kind: "ITEMS", itemCodes: ["LY-001"] },
  }),
  // Only 城关镇 lists a cooperative 城乡建设 item (燃气安全隐患排查, from 2025-09-01).
  township("T05-4", "城乡建设配合事项", {
    track: "COLLABORATIVE",
    points: "6",
    method: { kind: "GRADED" },
    binding: { kind: "SELECTOR", listType: "COOPERATIVE", category: "城乡建设" },
  }),
  department("D01-1", "收回事项承接到位", {
    points: "20",
    method: { kind: "RATIO" },
    binding: { kind: "SELECTOR", listType: "RECLAIMED", category: null },
  }),
  department("D01-2", "非法占用土地查处", {
    points: "10",
    method: { kind: "DEDUCTION", perEvent: "2" },
    binding: { kind: "ITEMS", itemCodes: ["ZR-002"] },
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
  department("D02-4", "收回事项承接缺位", {
    points: "10",
    method: { kind: "DEDUCTION", perEvent: "2" },
    binding: { kind: "LIST_EXECUTION", aspect: "RECLAIMED_UNATTENDED" },
  }),
  department("D03-1", "乡镇对部门评价", {
    points: "20",
    method: { kind: "GRADED" },
    binding: { kind: "TWO_WAY_RATING" },
  }),
];

/**
 * 青溪县's 2025 assessment plan: 8 first-level and 17 second-level indicators bound to the demo
 * county's items, mixing ratio, deduction (2 points per event), graded and pass/fail methods. It
 * validates with no error; its one warning is T04-2 (占道经营管理, CJ-001), reclaimed in 城关镇 and
 * 青溪街道 from 2025-07-01.
 * @example validateAssessmentPlan(demoAssessmentPlan(), demoCounty()).valid // true
 */
export function demoAssessmentPlan(): AssessmentPlan {
  return {
    id: "QX-PLAN-2025",
    countyCode: "QX",
    year: 2025,
    title: "《青溪县2025年度乡镇(街道)和县级部门综合考核方案》",
    firstLevel,
    indicators,
  };
}

/**
 * The indicator counts of 青溪县's 2024 plan, before assessing by the lists (依单考核): the 2025
 * plan compresses them (S10) to 8 first-level (20.00 %) and 17 second-level (73.44 %) indicators.
 * @example compressionOfCounts(demoPreviousPlanCounts.secondLevel, demoAssessmentPlan().indicators.length).ratePercent // "73.44"
 */
export const demoPreviousPlanCounts: { readonly firstLevel: number; readonly secondLevel: number } = {
  firstLevel: 10,
  secondLevel: 64,
};
