// The public shape of a responsibility determination (A1–A11): roles, factors, citations, parties.
import type { IsoDate } from "../base/calendar-date.ts";
import type { AccountabilityRuleId } from "../base/rules.ts";
import type { PartyRef } from "../county/county.ts";
import type { LegalCitation } from "../county/duty-item.ts";
import type { TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry, ListType } from "../lists/list-entry.ts";
import type { ListVersion } from "../lists/list-index.ts";
import type { FailureCase } from "./failure-case.ts";

/** What the matter was on the township's lists on the failure date. */
export type DeterminationListType = ListType | "TEMPORARY" | "OFF_LIST";

export type Role = "PRIMARY" | "SECONDARY" | "NONE";

export type FactorCode =
  | "REFUSED_COOPERATION"
  | "GUARANTEES_NOT_DELIVERED"
  | "FALSIFICATION"
  | "RECLAIMED_NOT_TAKEN_OVER"
  | "UNREGISTERED_PUSH_DOWN"
  | "TASK_NOT_CLOSED";

/**
 * What a determination reports: a push-down of an off-list matter or of a reclaimed item (A4), or
 * a temporary task past its planned end and not closed (动态调整不及时, A5).
 */
export type ViolationCode = "UNREGISTERED_PUSH_DOWN" | "TASK_NOT_CLOSED";

export interface Factor {
  readonly kind: "AGGRAVATING" | "MITIGATING";
  readonly code: FactorCode;
  readonly ruleId: AccountabilityRuleId;
  readonly description: string;
}

/** What a determination cites: the item (or task) as listed that day, its list and its basis. */
export interface ResponsibilityCitation {
  /** The item code, or the temporary task's id. */
  readonly itemCode: string;
  readonly itemName: string;
  readonly listType: DeterminationListType;
  /** The list entry (or task) that put it there. */
  readonly sourceId: string;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate | null;
  readonly basis: readonly LegalCitation[];
  /** The version of the township's lists in force on the failure date. */
  readonly listVersion: ListVersion;
}

export interface NamedParty {
  readonly kind: PartyRef["kind"];
  readonly code: string;
  readonly name: string;
}

export interface PartyDetermination {
  readonly party: NamedParty;
  readonly role: Role;
  readonly factors: readonly Factor[];
  /** The rules that gave this role. */
  readonly ruleIds: readonly AccountabilityRuleId[];
  readonly citations: readonly ResponsibilityCitation[];
  /** Why the party bears no responsibility; set exactly when the role is NONE (A11). */
  readonly reason: string | null;
  /** A plain Chinese explanation of the role. */
  readonly explanation: string;
}

/** A violation the determination found and reports, e.g. an unregistered push-down (A4). */
export interface ReportedViolation {
  readonly ruleId: AccountabilityRuleId;
  readonly code: ViolationCode;
  readonly departmentCode: string;
  readonly townshipCode: string;
  readonly date: IsoDate;
  readonly message: string;
}

export interface Determination {
  /** Derived from the question and the list content used: same question, same data → same id. */
  readonly decisionId: string;
  readonly failure: FailureCase;
  readonly listType: DeterminationListType;
  readonly entry: ListEntry | null;
  readonly temporaryTask: TemporaryTask | null;
  readonly listVersion: ListVersion;
  /**
   * The knowledge date the determination answered as of (L2): what had been recorded by then.
   * Null: everything the dataset held.
   */
  readonly knownOn: IsoDate | null;
  /** The township first, then departments by code. */
  readonly parties: readonly PartyDetermination[];
  readonly violations: readonly ReportedViolation[];
  /** Every rule the determination applied, A9 always among them. */
  readonly ruleIds: readonly AccountabilityRuleId[];
  /** A one-paragraph Chinese summary. */
  readonly summary: string;
}

/** The situation on the failure date: the entry in force (A9), else an open registered task (A5), else off-list. */
export interface Situation {
  readonly listType: DeterminationListType;
  readonly entry: ListEntry | null;
  readonly task: TemporaryTask | null;
  /** The task named in the findings, whether or not it bound the township that day. */
  readonly namedTask: TemporaryTask | null;
}
