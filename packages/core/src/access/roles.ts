/**
 * Who may act in the engine, each role scoped to a county (a provincial approver to the counties
 * of its province, an administrator to one county or to every county of the deployment). The
 * duties behind each role are the seed texts': 组织部 plans and scores (依单考核), 编办 (or 司法局)
 * keeps the lists and the ledger, the province approves the access route (L4), departments and
 * townships act for their own unit, 纪检监察 determines responsibility, the 12345 hotline's desk
 * receives and dispatches work orders by the lists (H1).
 */
export const ACCESS_ROLES = [
  "ADMINISTRATOR",
  "ASSESSOR",
  "LIST_OFFICE",
  "PROVINCIAL_APPROVER",
  "DEPARTMENT",
  "TOWNSHIP",
  "INSPECTOR",
  "BI_READER",
  "HOTLINE",
] as const;

export type AccessRole = (typeof ACCESS_ROLES)[number];

/**
 * Each role in Chinese, as tokens, the change log and docs/security.md name it.
 * @example ACCESS_ROLE_NAMES.INSPECTOR // "纪检监察"
 */
export const ACCESS_ROLE_NAMES: Readonly<Record<AccessRole, string>> = {
  ADMINISTRATOR: "系统管理员",
  ASSESSOR: "组织部门(考核)",
  LIST_OFFICE: "机构编制部门(清单管理)",
  PROVINCIAL_APPROVER: "省级审批",
  DEPARTMENT: "县级部门",
  TOWNSHIP: "乡镇(街道)",
  INSPECTOR: "纪检监察",
  BI_READER: "数据分析(只读)",
  HOTLINE: "12345热线派单",
};

/**
 * Whether a text names a role.
 * @example isAccessRole("INSPECTOR") // true
 */
export function isAccessRole(text: string): text is AccessRole {
  return (ACCESS_ROLES as readonly string[]).includes(text);
}

/**
 * Someone acting in the engine, as their token (or the CLI) identifies them: who, in which role,
 * for which county and, for a department or township user, which unit.
 */
export interface Actor {
  /** A stable id from the identity provider (the token's `sub`). */
  readonly subject: string;
  readonly name: string;
  readonly role: AccessRole;
  /**
   * The county the role is held in; null for a provincial approver (see `counties`) and for a
   * deployment-wide administrator.
   */
  readonly countyCode: string | null;
  /** A provincial approver's counties (the counties of its province in this deployment). */
  readonly counties: readonly string[];
  /** A township user's township. */
  readonly townshipCode: string | null;
  /** A department user's department. */
  readonly departmentCode: string | null;
}

/**
 * The administrator the command line acts as on its own machine: every county, and its changes
 * enter the change log under this name.
 * @example LOCAL_ADMINISTRATOR.role // "ADMINISTRATOR"
 */
export const LOCAL_ADMINISTRATOR: Actor = {
  subject: "local:cli",
  name: "本机命令行(管理员)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

/**
 * Whether an actor's role reaches a county: its own county, one of a provincial approver's, or
 * any for a deployment-wide administrator.
 * @example actsInCounty({ ...LOCAL_ADMINISTRATOR }, "QX") // true
 */
export function actsInCounty(actor: Actor, countyCode: string): boolean {
  if (actor.role === "PROVINCIAL_APPROVER") return actor.counties.includes(countyCode);
  if (actor.role === "ADMINISTRATOR" && actor.countyCode === null) return true;
  return actor.countyCode === countyCode;
}
