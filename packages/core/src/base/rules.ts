/**
 * The rule ids of `docs/domain.md`. Code that implements a rule names its id in a comment, and
 * every determination and report carries the ids that produced it, so an answer can always be
 * traced back to its rule and the rule to its source text.
 */
export const LIST_RULES = ["L1", "L2", "L3", "L4", "L5", "L6", "L7"] as const;
export const ACCOUNTABILITY_RULES = [
  "A1",
  "A2",
  "A3",
  "A4",
  "A5",
  "A6",
  "A7",
  "A8",
  "A9",
  "A10",
  "A11",
] as const;

export type ListRuleId = (typeof LIST_RULES)[number];
export type AccountabilityRuleId = (typeof ACCOUNTABILITY_RULES)[number];
export type RuleId = ListRuleId | AccountabilityRuleId;

/** One line per rule: what it says, in short, and the seed texts it comes from. */
export const RULE_SUMMARIES: Readonly<
  Record<RuleId, { readonly summary: string; readonly sources: string }>
> = {
  L1: { summary: "一个清单条目把一个事项以一种类型列入一个乡镇的清单,有效期为[起,止)", sources: "000" },
  L2: { summary: "不覆盖、不删除:调整关闭旧区间、开启新区间,任一日期的清单均可还原", sources: "001, 002" },
  L3: { summary: "调整分为新增、取消、调整类型、修改内容,均载明理由、依据和审批记录", sources: "001, 002" },
  L4: { summary: "职责准入须县级和省级审批;动态调整仅须县级审批", sources: "002" },
  L5: { summary: "临时性工作任务登记台账,完成后销号,逾期未销号予以提示", sources: "002" },
  L6: { summary: "防止明减暗增:与收回事项相似的新增事项提请审查", sources: "001, 002" },
  L7: { summary: "事项明确到班子成员、业务股室和社区(村)", sources: "000, 001" },
  A1: { summary: "基本履职事项:乡镇为责任主体,部门不担责", sources: "002" },
  A2: { summary: "配合履职事项:牵头部门担主责,乡镇仅在配合范围内对过错部分担次责", sources: "002" },
  A3: { summary: "上级部门收回事项:承接部门担主责,不追究乡镇责任", sources: "002" },
  A4: { summary: "清单外事项未经登记转嫁乡镇:乡镇不担责,交办部门担主责并作为违规上报", sources: "001" },
  A5: { summary: "已登记的临时性工作任务:按登记的角色担责;已销号或未开始的不担责", sources: "002" },
  A6: { summary: "收回事项承接缺位的部门担主责", sources: "001, 002" },
  A7: { summary: "乡镇拒不配合的,担次责并从重", sources: "001" },
  A8: { summary: "弄虚作假的一方担主责,不论清单如何规定", sources: "001" },
  A9: { summary: "以失误发生之日有效的清单为准,而非现行清单", sources: "002" },
  A10: { summary: "牵头部门未落实履职保障的,乡镇次责从轻", sources: "001, 002" },
  A11: { summary: "无规则不担责:清单和认定事实不支持的,一律不担责并说明理由", sources: "001, 002" },
};
