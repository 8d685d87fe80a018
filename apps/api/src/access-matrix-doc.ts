import { ACCESS_POLICY, ACCESS_ROLE_NAMES, ACCESS_ROLES, type OperationAccess } from "@dutylist/core";

/**
 * The role × operation matrix as a Markdown table, as docs/security.md shows it (a test keeps
 * the two equal): ✓ allowed, "own" only for the user's own township or department, "county" /
 * "province" the approval level a role may give.
 * @example accessMatrixMarkdown().startsWith("| operation |") // true
 */
export function accessMatrixMarkdown(): string {
  const header = `| operation | kind | ${ACCESS_ROLES.map((r) => `${r}<br>${ACCESS_ROLE_NAMES[r]}`).join(" | ")} |`;
  const rule = `|---|---|${ACCESS_ROLES.map(() => ":-:").join("|")}|`;
  const rows = Object.entries(ACCESS_POLICY).map(([operation, raw]) => {
    const access: OperationAccess = raw;
    const cells = ACCESS_ROLES.map((role) => {
      if (!access.roles.includes(role)) return "";
      const level = access.approvalLevels?.[role];
      if (level !== undefined) return level === "PROVINCE" ? "province" : "county";
      const own =
        (role === "TOWNSHIP" && access.own?.TOWNSHIP) || (role === "DEPARTMENT" && access.own?.DEPARTMENT);
      return own ? "own" : "✓";
    });
    return `| \`${operation}\` | ${access.kind.toLowerCase()} | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}
