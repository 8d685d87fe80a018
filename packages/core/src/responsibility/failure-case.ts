import { type IsoDate, isIsoDate } from "../base/calendar-date.ts";
import type { OperationError } from "../base/domain-error.ts";
import { collect, type Result } from "../base/result.ts";
import { type PartyRef, partyKey } from "../county/county.ts";
import type { CountyDirectory } from "../county/county-dataset.ts";

/** What failed: a duty item (by code), or an off-list matter described in words. */
export type FailureSubject =
  | { readonly kind: "ITEM"; readonly itemCode: string }
  | { readonly kind: "MATTER"; readonly description: string };

/**
 * What the inspectors established. Anything not established is left out, and nothing left out
 * ever makes a township responsible (A11).
 */
export interface Findings {
  /** The township was at fault (有过错). */
  readonly townshipAtFault?: boolean;
  /** The failure lies within the township's cooperation content (or an assisting task's registered content). */
  readonly withinCooperationContent?: boolean;
  /** The township refused legitimate cooperation (拒不配合, A7). */
  readonly townshipRefusedCooperation?: boolean;
  /** The lead department delivered the guarantees its entry lists (A10). */
  readonly guaranteesDelivered?: boolean;
  /** The department that pushed an off-list matter onto the township (A4). */
  readonly pushedDownBy?: string;
  /** The registered temporary task the matter belongs to (A5). */
  readonly temporaryTaskId?: string;
  /** Who falsified (弄虚作假, A8). */
  readonly falsifiedBy?: readonly PartyRef[];
  /** The receiving department actually took the reclaimed item over (承接到位, A6). */
  readonly receivingDepartmentTookOver?: boolean;
  /** The matter was argued to be the township's under 属地管理 (rejected for reclaimed items, A3). */
  readonly territorialClaim?: boolean;
  /** Further departments the case names; each gets a role, NONE with its reason where no rule applies. */
  readonly otherDepartments?: readonly string[];
}

/** The question a determination answers: this failure, in this township, on this date. */
export interface FailureCase {
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly subject: FailureSubject;
  readonly findings: Findings;
}

/** Sorted and de-duplicated; the same array when it already is (the usual case). */
function sortedUnique(codes: readonly string[]): readonly string[] {
  let ordered = true;
  for (let i = 1; i < codes.length && ordered; i++) ordered = (codes[i - 1] ?? "") < (codes[i] ?? "");
  return ordered ? codes : [...new Set(codes)].sort();
}

type MutableFindings = { -readonly [K in keyof Findings]: Findings[K] };

/**
 * The case with its lists sorted and de-duplicated and unset findings dropped, so that
 * equivalent questions are equal values (and get equal decision ids).
 * @example normalizeFailureCase({ …, findings: { otherDepartments: ["ZJJ", "MZJ", "ZJJ"] } }).findings // { otherDepartments: ["MZJ", "ZJJ"] }
 */
export function normalizeFailureCase(failure: FailureCase): FailureCase {
  // Field by field rather than by spreads: determinations run this for every question.
  const f = failure.findings;
  const findings: MutableFindings = {};
  if (f.townshipAtFault !== undefined) findings.townshipAtFault = f.townshipAtFault;
  if (f.withinCooperationContent !== undefined)
    findings.withinCooperationContent = f.withinCooperationContent;
  if (f.townshipRefusedCooperation !== undefined)
    findings.townshipRefusedCooperation = f.townshipRefusedCooperation;
  if (f.guaranteesDelivered !== undefined) findings.guaranteesDelivered = f.guaranteesDelivered;
  if (f.pushedDownBy !== undefined) findings.pushedDownBy = f.pushedDownBy;
  if (f.temporaryTaskId !== undefined) findings.temporaryTaskId = f.temporaryTaskId;
  if (f.falsifiedBy !== undefined && f.falsifiedBy.length > 0) {
    const parties = new Map(f.falsifiedBy.map((party) => [partyKey(party), party]));
    findings.falsifiedBy = [...parties.keys()].sort().flatMap((key) => parties.get(key) ?? []);
  }
  if (f.receivingDepartmentTookOver !== undefined)
    findings.receivingDepartmentTookOver = f.receivingDepartmentTookOver;
  if (f.territorialClaim !== undefined) findings.territorialClaim = f.territorialClaim;
  if (f.otherDepartments !== undefined && f.otherDepartments.length > 0)
    findings.otherDepartments = sortedUnique(f.otherDepartments);
  const subject: FailureSubject =
    failure.subject.kind === "ITEM"
      ? { kind: "ITEM", itemCode: failure.subject.itemCode.trim() }
      : { kind: "MATTER", description: failure.subject.description.trim() };
  return { townshipCode: failure.townshipCode, date: failure.date, subject, findings };
}

/**
 * Checks that everything a case names exists, naming each field that does not.
 * @example checkFailureCase({ townshipCode: "QX-XX", … }, directory) // err NOT_FOUND TOWNSHIP QX-XX
 */
export function checkFailureCase(
  failure: FailureCase,
  directory: CountyDirectory,
): Result<FailureCase, OperationError> {
  return collect(failureCaseErrors(failure, directory), failure);
}

const NO_ERRORS: readonly OperationError[] = [];

/**
 * What `checkFailureCase` reports, as a list; the same empty list when the case is fine, so a
 * determination allocates nothing to check its question.
 * @example failureCaseErrors(question, directory).length // 0
 */
export function failureCaseErrors(
  failure: FailureCase,
  directory: CountyDirectory,
): readonly OperationError[] {
  const f = failure.findings;
  // The usual question names a known township, a date, a known item and a few departments.
  if (
    directory.townships.has(failure.townshipCode) &&
    isIsoDate(failure.date) &&
    failure.subject.kind === "ITEM" &&
    directory.items.has(failure.subject.itemCode) &&
    f.pushedDownBy === undefined &&
    f.temporaryTaskId === undefined &&
    f.falsifiedBy === undefined &&
    (f.otherDepartments === undefined || f.otherDepartments.every((code) => directory.departments.has(code)))
  )
    return NO_ERRORS;
  const errors: OperationError[] = [];
  if (!directory.townships.has(failure.townshipCode))
    missing(errors, "townshipCode", "TOWNSHIP", failure.townshipCode);
  if (!isIsoDate(failure.date)) {
    errors.push({
      _tag: "INVALID_FIELD",
      field: "date",
      message: `不是有效日期(YYYY-MM-DD):${failure.date}`,
    });
  }
  if (failure.subject.kind === "ITEM" && !directory.items.has(failure.subject.itemCode)) {
    missing(errors, "subject.itemCode", "ITEM", failure.subject.itemCode);
  }
  if (failure.subject.kind === "MATTER" && failure.subject.description.trim() === "") {
    errors.push({ _tag: "INVALID_FIELD", field: "subject.description", message: "须描述清单外事项" });
  }
  if (f.pushedDownBy !== undefined && !directory.departments.has(f.pushedDownBy)) {
    missing(errors, "findings.pushedDownBy", "DEPARTMENT", f.pushedDownBy);
  }
  if (f.temporaryTaskId !== undefined && !directory.temporaryTasks.has(f.temporaryTaskId)) {
    missing(errors, "findings.temporaryTaskId", "TEMPORARY_TASK", f.temporaryTaskId);
  }
  const falsifiedBy = f.falsifiedBy ?? [];
  for (let i = 0; i < falsifiedBy.length; i++) {
    const party = falsifiedBy[i];
    if (party === undefined) continue;
    const known = party.kind === "TOWNSHIP" ? directory.townships : directory.departments;
    if (!known.has(party.code)) missing(errors, `findings.falsifiedBy[${i}]`, party.kind, party.code);
  }
  const others = f.otherDepartments ?? [];
  for (let i = 0; i < others.length; i++) {
    const code = others[i];
    if (code !== undefined && !directory.departments.has(code))
      missing(errors, `findings.otherDepartments[${i}]`, "DEPARTMENT", code);
  }
  return errors;
}

function missing(
  errors: OperationError[],
  field: string,
  kind: "TOWNSHIP" | "DEPARTMENT" | "ITEM" | "TEMPORARY_TASK",
  id: string,
): void {
  errors.push({ _tag: "NOT_FOUND", kind, id, message: `${field}:${id} 不存在` });
}
