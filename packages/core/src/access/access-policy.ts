import type { ApprovalLevel } from "../base/domain-error.ts";
import { err, ok, type Result } from "../base/result.ts";
import { ACCESS_ROLE_NAMES, ACCESS_ROLES, type AccessRole, type Actor, actsInCounty } from "./roles.ts";

/** What kind of request an operation is: a GraphQL query field, a mutation, or a file download. */
export type OperationKind = "QUERY" | "MUTATION" | "DOWNLOAD";

/**
 * Who may perform one operation. A department or township user may act only for its own unit:
 * `own` names which codes of the request (its township, its department) must be theirs.
 */
export interface OperationAccess {
  readonly kind: OperationKind;
  readonly roles: readonly AccessRole[];
  /**
   * For TOWNSHIP and DEPARTMENT users: the request must name their unit, and only theirs (every
   * township code, or every department code, it carries).
   */
  readonly own?: { readonly TOWNSHIP?: "TOWNSHIP"; readonly DEPARTMENT?: "DEPARTMENT" };
  /** Approvals: the level each approving role may give (L4: the province's only by the province). */
  readonly approvalLevels?: Partial<Readonly<Record<AccessRole, ApprovalLevel>>>;
}

const ALL: readonly AccessRole[] = ACCESS_ROLES;
const OWN_UNIT = { TOWNSHIP: "TOWNSHIP", DEPARTMENT: "DEPARTMENT" } as const;
const LIST_READERS: readonly AccessRole[] = ["ADMINISTRATOR", "ASSESSOR", "LIST_OFFICE", "INSPECTOR"];
const SCORE_READERS: readonly AccessRole[] = ["ADMINISTRATOR", "ASSESSOR", "INSPECTOR", "BI_READER"];

const query = (roles: readonly AccessRole[], more: Partial<OperationAccess> = {}): OperationAccess => ({
  kind: "QUERY",
  roles,
  ...more,
});
const mutation = (roles: readonly AccessRole[], more: Partial<OperationAccess> = {}): OperationAccess => ({
  kind: "MUTATION",
  roles,
  ...more,
});
const download = (roles: readonly AccessRole[], more: Partial<OperationAccess> = {}): OperationAccess => ({
  kind: "DOWNLOAD",
  roles,
  ...more,
});

/**
 * The role × operation matrix: every GraphQL query field, mutation and download, and who may use
 * it (docs/security.md prints it). An operation missing here is refused to everyone.
 */
export const ACCESS_POLICY = {
  // Lists and history (L1–L7)
  county: query(ALL),
  listsAsOf: query(ALL, { own: { TOWNSHIP: "TOWNSHIP" } }),
  adjustments: query([...LIST_READERS, "PROVINCIAL_APPROVER", "DEPARTMENT", "TOWNSHIP"]),
  temporaryTasks: query([...LIST_READERS, "DEPARTMENT", "TOWNSHIP"]),
  recordedLate: query(LIST_READERS),
  listReview: query(LIST_READERS),
  proposeAdjustment: mutation(["ADMINISTRATOR", "LIST_OFFICE", "DEPARTMENT", "TOWNSHIP"], { own: OWN_UNIT }),
  approveAdjustment: mutation(["LIST_OFFICE", "PROVINCIAL_APPROVER"], {
    approvalLevels: { LIST_OFFICE: "COUNTY", PROVINCIAL_APPROVER: "PROVINCE" },
  }),
  publishAdjustment: mutation(["ADMINISTRATOR", "LIST_OFFICE"]),
  registerTemporaryTask: mutation(["ADMINISTRATOR", "LIST_OFFICE"]),
  closeTemporaryTask: mutation(["ADMINISTRATOR", "LIST_OFFICE"]),
  // Responsibility (A1–A11)
  determineResponsibility: query(["ADMINISTRATOR", "INSPECTOR", "LIST_OFFICE", "ASSESSOR"]),
  determinations: query(["ADMINISTRATOR", "INSPECTOR"]),
  determinationFacts: query(SCORE_READERS),
  recordFailureCase: mutation(["ADMINISTRATOR", "INSPECTOR"]),
  // Assessment (S1–S10)
  assessment: query(["ADMINISTRATOR", "ASSESSOR", "INSPECTOR"]),
  validateAssessmentPlan: query(["ADMINISTRATOR", "ASSESSOR"]),
  indicatorCompression: query(["ADMINISTRATOR", "ASSESSOR"]),
  whatIf: query(["ADMINISTRATOR", "ASSESSOR"]),
  townshipScoreFacts: query(SCORE_READERS),
  departmentScoreFacts: query(SCORE_READERS),
  addPerformanceRecords: mutation(["ADMINISTRATOR", "ASSESSOR"]),
  addDepartmentRatings: mutation(["ADMINISTRATOR", "ASSESSOR", "TOWNSHIP"], {
    own: { TOWNSHIP: "TOWNSHIP" },
  }),
  addWhistleRequests: mutation(["ADMINISTRATOR", "ASSESSOR", "TOWNSHIP", "DEPARTMENT"], { own: OWN_UNIT }),
  addGuaranteeDeliveries: mutation(["ADMINISTRATOR", "ASSESSOR", "DEPARTMENT"], {
    own: { DEPARTMENT: "DEPARTMENT" },
  }),
  reportPushDowns: mutation(["ADMINISTRATOR", "ASSESSOR", "INSPECTOR", "TOWNSHIP"], {
    own: { TOWNSHIP: "TOWNSHIP" },
  }),
  reportUnattendedItems: mutation(["ADMINISTRATOR", "ASSESSOR", "INSPECTOR", "TOWNSHIP"], {
    own: { TOWNSHIP: "TOWNSHIP" },
  }),
  // The 12345 hotline and the whistle loop (H1, H2)
  matchWorkOrder: query(["ADMINISTRATOR", "HOTLINE", "LIST_OFFICE", "INSPECTOR"]),
  receiveWorkOrder: mutation(["ADMINISTRATOR", "HOTLINE"]),
  correctWorkOrderDispatch: mutation(["ADMINISTRATOR", "HOTLINE"]),
  workOrderFacts: query([...SCORE_READERS, "HOTLINE", "LIST_OFFICE"]),
  raiseWhistle: mutation(["ADMINISTRATOR", "TOWNSHIP"], { own: { TOWNSHIP: "TOWNSHIP" } }),
  reportWhistle: mutation(["ADMINISTRATOR", "DEPARTMENT"], { own: { DEPARTMENT: "DEPARTMENT" } }),
  closeWhistle: mutation(["ADMINISTRATOR", "DEPARTMENT"], { own: { DEPARTMENT: "DEPARTMENT" } }),
  confirmWhistle: mutation(["ADMINISTRATOR", "TOWNSHIP"], { own: { TOWNSHIP: "TOWNSHIP" } }),
  whistleFacts: query([...SCORE_READERS, "DEPARTMENT", "TOWNSHIP"]),
  // The change log
  changeLog: query(["ADMINISTRATOR", "INSPECTOR"]),
  // Downloads under /export/
  "export/lists": download([...LIST_READERS, "BI_READER", "DEPARTMENT", "TOWNSHIP"], {
    own: { TOWNSHIP: "TOWNSHIP" },
  }),
  "export/township-scores": download(SCORE_READERS),
  "export/department-scores": download(SCORE_READERS),
  "export/assessment": download(SCORE_READERS),
  "export/determinations": download(["ADMINISTRATOR", "INSPECTOR", "BI_READER"]),
  "export/work-orders": download([...SCORE_READERS, "HOTLINE", "LIST_OFFICE"]),
  "export/whistles": download([...SCORE_READERS, "DEPARTMENT", "TOWNSHIP"]),
  // The annual report (HTML) shows the year's assessment: who may read the assessment.
  "export/report": download(["ADMINISTRATOR", "ASSESSOR", "INSPECTOR"]),
} as const satisfies Readonly<Record<string, OperationAccess>>;

export type OperationName = keyof typeof ACCESS_POLICY;

/**
 * Whether a text names an operation of the matrix.
 * @example isOperationName("approveAdjustment") // true
 */
export function isOperationName(text: string): text is OperationName {
  return Object.hasOwn(ACCESS_POLICY, text);
}

/** What a request acts on, as far as access is concerned. */
export interface AccessTarget {
  readonly countyCode: string;
  /** Every township code the request names (its argument, its records' townships). */
  readonly townshipCodes?: readonly string[];
  /** Every department code the request names (its records' departments, a proposer). */
  readonly departmentCodes?: readonly string[];
  /** The level an approval is given at. */
  readonly approvalLevel?: ApprovalLevel;
}

/** Why a request was refused: nobody signed in, or the role may not do it there. */
export type AccessRefusal =
  | { readonly _tag: "UNAUTHENTICATED"; readonly message: string }
  | { readonly _tag: "FORBIDDEN"; readonly message: string };

function forbidden(message: string): Result<never, AccessRefusal> {
  return err({ _tag: "FORBIDDEN", message });
}

function ownUnitRefusal(
  actor: Actor,
  operation: OperationName,
  unit: "TOWNSHIP" | "DEPARTMENT",
  codes: readonly string[] | undefined,
): string | null {
  const own = unit === "TOWNSHIP" ? actor.townshipCode : actor.departmentCode;
  const word = unit === "TOWNSHIP" ? "乡镇(街道)" : "部门";
  if (own === null) return `${ACCESS_ROLE_NAMES[actor.role]}账号未载明所属${word},不能执行 ${operation}`;
  if (codes === undefined || codes.length === 0)
    return `${ACCESS_ROLE_NAMES[actor.role]}只能对本${word}(${own})执行 ${operation},请求未指明${word}`;
  const foreign = [...new Set(codes.filter((code) => code !== own))];
  return foreign.length === 0
    ? null
    : `${ACCESS_ROLE_NAMES[actor.role]}只能对本${word}(${own})执行 ${operation},请求涉及 ${foreign.join("、")}`;
}

/**
 * Decides whether `actor` may perform `operation` on `target`: signed in, a role the matrix grants
 * it, in a county the role reaches, for its own unit where the matrix says so, and at the
 * approval level its role gives. The refusal names what is wrong.
 * @example authorize(null, "county", { countyCode: "QX" }) // err UNAUTHENTICATED
 */
export function authorize(
  actor: Actor | null,
  operation: OperationName,
  target: AccessTarget,
): Result<Actor, AccessRefusal> {
  if (actor === null)
    return err({ _tag: "UNAUTHENTICATED", message: `${operation} 需要登录:请在 Authorization 头中提供令牌` });
  const access: OperationAccess = ACCESS_POLICY[operation];
  if (!access.roles.includes(actor.role))
    return forbidden(`角色 ${actor.role}(${ACCESS_ROLE_NAMES[actor.role]})无权执行 ${operation}`);
  if (!actsInCounty(actor, target.countyCode))
    return forbidden(
      `${actor.name}(${ACCESS_ROLE_NAMES[actor.role]})无权访问县(市、区) ${target.countyCode} 的数据`,
    );
  if (actor.role === "TOWNSHIP" && access.own?.TOWNSHIP !== undefined) {
    const refusal = ownUnitRefusal(actor, operation, "TOWNSHIP", target.townshipCodes);
    if (refusal !== null) return forbidden(refusal);
  }
  if (actor.role === "DEPARTMENT" && access.own?.DEPARTMENT !== undefined) {
    const refusal = ownUnitRefusal(actor, operation, "DEPARTMENT", target.departmentCodes);
    if (refusal !== null) return forbidden(refusal);
  }
  const level = access.approvalLevels?.[actor.role];
  if (level !== undefined && target.approvalLevel !== level)
    return forbidden(
      `${ACCESS_ROLE_NAMES[actor.role]}只能给出${level === "PROVINCE" ? "省级" : "县级"}审批(规则L4),请求为 ${target.approvalLevel ?? "未载明"}`,
    );
  return ok(actor);
}
