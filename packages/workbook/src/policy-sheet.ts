import { type CountyPolicy, describeCountyPolicy } from "@dutylist/core";
import type { OutputSheet } from "./sheet-table.ts";

/** The name of the sheet listing a county's policy: policy, not rules. */
export const POLICY_SHEET_NAME = "政策设定(非规则)";

const NOTE = "政策设定,非规则:清单依据文件未作规定,由县(市、区)确定;未设定者取默认值";

/**
 * A county's policy (政策设定, 非规则) as a sheet: each setting, its name and its value, each
 * row labelled as policy — so that no one reads the county's choices as rules of the lists.
 * @example countyPolicySheet(DEFAULT_COUNTY_POLICY).rows[0] // ["notApplicable", "不适用指标的计分", "按比例折算(PRORATE)", "政策设定,非规则:…"]
 */
export function countyPolicySheet(policy: CountyPolicy): OutputSheet {
  return {
    name: POLICY_SHEET_NAME,
    header: ["设定", "名称", "取值", "性质"],
    rows: describeCountyPolicy(policy).map((s) => [s.key, s.name, s.value, NOTE]),
  };
}
