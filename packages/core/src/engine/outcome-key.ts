// The key under which the determination cache keeps an outcome per entry: the findings as bits.
import type { Findings } from "../responsibility/failure-case.ts";

/**
 * How each finding enters an outcome's key: a yes/no finding as unset, false or true in two bits
 * at its position (`outcomeKey`); the further departments as their sorted codes, beside the bits;
 * findings that name a task, a pusher or a falsifier are not keyed (their rules read the date or
 * add parties: A4, A5, A8).
 * Exhaustive over `Findings`: a new finding does not compile until it is placed here.
 */
export const FINDING_KEY_PARTS = {
  townshipAtFault: 0,
  withinCooperationContent: 1,
  townshipRefusedCooperation: 2,
  guaranteesDelivered: 3,
  receivingDepartmentTookOver: 4,
  territorialClaim: 5,
  otherDepartments: "CODES",
  pushedDownBy: "NOT_KEYED",
  temporaryTaskId: "NOT_KEYED",
  falsifiedBy: "NOT_KEYED",
} as const satisfies Record<keyof Findings, number | "CODES" | "NOT_KEYED">;

function tri(value: boolean | undefined, position: number): number {
  return value === undefined ? 0 : (value ? 2 : 1) << (2 * position);
}

/** `outcomeKey` of findings that are not keyed. */
export const NOT_KEYED = -1;

/**
 * The yes/no findings of a normalised case as bits, or `NOT_KEYED` (`FINDING_KEY_PARTS`). Equal
 * bits and equal further departments, equal findings.
 * @example outcomeKey({ townshipAtFault: true }) // 2
 */
export function outcomeKey(f: Findings): number {
  if (f.pushedDownBy !== undefined || f.temporaryTaskId !== undefined || f.falsifiedBy !== undefined)
    return NOT_KEYED;
  const P = FINDING_KEY_PARTS;
  return (
    tri(f.townshipAtFault, P.townshipAtFault) |
    tri(f.withinCooperationContent, P.withinCooperationContent) |
    tri(f.townshipRefusedCooperation, P.townshipRefusedCooperation) |
    tri(f.guaranteesDelivered, P.guaranteesDelivered) |
    tri(f.receivingDepartmentTookOver, P.receivingDepartmentTookOver) |
    tri(f.territorialClaim, P.territorialClaim)
  );
}
