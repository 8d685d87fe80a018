import { formatIssue, type WorkbookIssue } from "@dutylist/workbook";

/** Issues of one sheet (or of the file as a whole when the sheet is empty). */
export interface IssueGroup {
  readonly file: string;
  readonly sheet: string;
  readonly issues: readonly WorkbookIssue[];
}

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

/**
 * Every issue on its own line (`file sheet 第N行 X列(表头):message`), grouped by sheet with
 * counts, and a closing line saying that nothing was written.
 * @example renderIssues(log.issues) // "── lists.xlsx 部门:1 个问题\nlists.xlsx 部门 第3行 B列(名称):…\n…"
 */
export function renderIssues(issues: readonly WorkbookIssue[]): string {
  const groups = groupIssues(issues);
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(
      `── ${group.file} ${group.sheet === "" ? "(整个文件)" : group.sheet}:${group.issues.length} 个问题`,
    );
    for (const issue of group.issues) {
      lines.push(`${formatIssue(issue)}${issue.ruleId === null ? "" : `(规则${issue.ruleId})`}`);
    }
  }
  const bySheet = groups.map((g) => `${g.sheet === "" ? g.file : g.sheet} ${g.issues.length}`).join("、");
  lines.push(`共 ${issues.length} 个问题(${bySheet});未写入任何数据。`);
  return lines.join("\n");
}

/**
 * The issues as JSON: each with its code, location, message, rule id and its one-line text.
 * @example issuesJson(log.issues)[0]?.text // "lists.xlsx 部门 第3行 B列(名称):…"
 */
export function issuesJson(issues: readonly WorkbookIssue[]) {
  return issues.map((issue) => ({ ...issue, text: formatIssue(issue) }));
}
