import { formatIssue, omittedIssues, type WorkbookIssue, type WorkbookIssueCode } from "@dutylist/workbook";

/** What each kind of issue is, for the lines that only count them (`…及另外 K 条同类问题(未知的部门)`). */
export const ISSUE_KIND_NAMES: Readonly<Record<WorkbookIssueCode, string>> = {
  MISSING_SHEET: "缺少工作表",
  MISSING_COLUMN: "缺少列",
  NO_HEADER: "找不到表头",
  DUPLICATE_COLUMN: "列重复",
  DUPLICATE_SHEET: "工作表重复",
  INVALID_TEXT: "无法保存的文字",
  ERROR_CELL: "单元格为错误值",
  REQUIRED: "必填项为空",
  NOT_A_DATE: "不是日期",
  NOT_A_NUMBER: "不是数字",
  UNKNOWN_VALUE: "取值不在可选范围内",
  UNKNOWN_TOWNSHIP: "未知的乡镇(街道)",
  UNKNOWN_DEPARTMENT: "未知的部门",
  UNKNOWN_ITEM: "未知的事项",
  UNKNOWN_INDICATOR: "未知的指标",
  AMBIGUOUS_NAME: "名称对应多个编码",
  DUPLICATE_CODE: "编码重复",
  ITEM_ON_TWO_LISTS: "事项同时列入两张清单",
  COOPERATIVE_WITHOUT_LEAD: "配合事项缺牵头部门",
  COOPERATIVE_WITHOUT_CONTENT: "配合事项缺配合内容",
  RECLAIMED_WITHOUT_RECEIVER: "收回事项缺承接部门",
  MALFORMED_INTERVAL: "生效期间有误",
  HISTORY_CONFLICT: "与清单历史冲突",
  PLAN_INVALID: "考核方案未通过校验",
  STALE_WORKBOOK: "工作簿已过时",
  MASS_REMOVAL: "大量取消事项",
  DOMAIN: "领域规则拒绝",
};

/** Issues of one sheet (or of the file as a whole when the sheet is empty). */
export interface IssueGroup {
  readonly file: string;
  readonly sheet: string;
  readonly issues: readonly WorkbookIssue[];
}

/**
 * How many issues of one code are printed; the rest are summed up in one line per sheet
 * (`…及另外 K 条同类问题`). The JSON output carries up to `ISSUES_KEPT_PER_CODE` (1,000) per code.
 */
export const ISSUES_PRINTED_PER_CODE = 20;

/**
 * Issues grouped by file and sheet, in the order they were found.
 * @example groupIssues(log.issues).map((g) => [g.sheet, g.issues.length]) // [["配合履职事项", 2]]
 */
export function groupIssues(issues: readonly WorkbookIssue[]): IssueGroup[] {
  const groups = new Map<string, { file: string; sheet: string; issues: WorkbookIssue[] }>();
  for (const issue of issues) {
    const key = `${issue.location.file}\u0000${issue.location.sheet}`;
    const group = groups.get(key) ?? { file: issue.location.file, sheet: issue.location.sheet, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Options of `renderIssues`. */
export interface RenderIssuesOptions {
  /** Issues of one code printed before the rest are only counted; 20 unless told. */
  readonly perCode?: number;
}

/**
 * Issues one to a line (`file sheet 第N行 X列(表头):message`), grouped by sheet with counts; at
 * most `perCode` of one code, the rest counted per sheet (`…及另外 K 条同类问题`); a closing line
 * with the total (counting issues the log did not keep) and that nothing was written.
 * @example renderIssues(log.issues) // "── lists.xlsx 部门:1 个问题\nlists.xlsx 部门 第3行 B列(名称):…\n…"
 */
export function renderIssues(issues: readonly WorkbookIssue[], options: RenderIssuesOptions = {}): string {
  const perCode = options.perCode ?? ISSUES_PRINTED_PER_CODE;
  const groups = groupIssues(issues);
  const printed = new Map<WorkbookIssueCode, number>();
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(
      `── ${group.file} ${group.sheet === "" ? "(整个文件)" : group.sheet}:${group.issues.length} 个问题`,
    );
    const left = new Map<WorkbookIssueCode, number>();
    for (const issue of group.issues) {
      const count = printed.get(issue.code) ?? 0;
      if (count >= perCode) {
        left.set(issue.code, (left.get(issue.code) ?? 0) + 1);
        continue;
      }
      printed.set(issue.code, count + 1);
      lines.push(`${formatIssue(issue)}${issue.ruleId === null ? "" : `(规则${issue.ruleId})`}`);
    }
    for (const [code, count] of left)
      lines.push(`…及另外 ${count.toLocaleString("en-US")} 条同类问题(${ISSUE_KIND_NAMES[code]})`);
  }
  // Issues the log only counted: past its cap, not located, so summed up once per code.
  const omitted = omittedIssues(issues);
  for (const [code, count] of omitted)
    lines.push(`…及另外 ${count.toLocaleString("en-US")} 条同类问题(${ISSUE_KIND_NAMES[code]},未逐条记录)`);
  const total = issues.length + [...omitted.values()].reduce((a, b) => a + b, 0);
  const bySheet = groups.map((g) => `${g.sheet === "" ? g.file : g.sheet} ${g.issues.length}`).join("、");
  lines.push(`共 ${total.toLocaleString("en-US")} 个问题(${bySheet});未写入任何数据。`);
  return lines.join("\n");
}

/**
 * The issues as JSON: each with its code, location, message, rule id and its one-line text; at
 * most `ISSUES_KEPT_PER_CODE` (1,000) of one code, as the issue log keeps them.
 * @example issuesJson(log.issues)[0]?.text // "lists.xlsx 部门 第3行 B列(名称):…"
 */
export function issuesJson(issues: readonly WorkbookIssue[]) {
  return issues.map((issue) => ({ ...issue, text: formatIssue(issue) }));
}
