// Responsibility determination (A1–A11): its public types, the decision id and `determineResponsibility`.
import type { IsoDate } from "../base/calendar-date.ts";
import type { OperationError } from "../base/domain-error.ts";
import { err, ok, type Result } from "../base/result.ts";
import type { AccountabilityRuleId } from "../base/rules.ts";
import type { PartyRef } from "../county/county.ts";
import type { LegalCitation } from "../county/duty-item.ts";
import {
  citationsIn,
  type DeterminationContext,
  type Located,
  locate,
  namedParty,
  versionOf,
} from "../internal/determination-context.ts";
import type { TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry, ListType } from "../lists/list-entry.ts";
import type { ListVersion } from "../lists/list-index.ts";
import {
  Digest,
  entryDigest,
  writeFindings,
  writeListType,
  writePartyKind,
  writeTask,
} from "./decision-digest.ts";
import { type FailureCase, failureCaseErrors, normalizeFailureCase } from "./failure-case.ts";
import { NOT_KEYED, type Outcome, outcomeKey, outcomeOf } from "./responsibility-outcome.ts";

/** What the matter was on the township's lists on the failure date. */
export type DeterminationListType = ListType | "TEMPORARY" | "OFF_LIST";

export type Role = "PRIMARY" | "SECONDARY" | "NONE";

export type FactorCode =
  | "REFUSED_COOPERATION"
  | "GUARANTEES_NOT_DELIVERED"
  | "FALSIFICATION"
  | "RECLAIMED_NOT_TAKEN_OVER"
  | "UNREGISTERED_PUSH_DOWN";

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
  readonly code: "UNREGISTERED_PUSH_DOWN";
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

/**
 * The decision id: a 96-bit hash (`decision-digest.ts`) of the normalised question, the list
 * type, what the determination used of the entry (as it stood that day) or of the task, the task
 * the findings name, the list version and the parties' names. Same question on the same data,
 * same id; a change of the list content used changes it.
 */
function decisionIdOf(
  failure: FailureCase,
  situation: Located,
  version: ListVersion,
  parties: readonly NamedParty[],
): string {
  const d = DECISION_DIGEST.reset(DECISION_SEED);
  d.string(failure.townshipCode).string(failure.date);
  if (failure.subject.kind === "ITEM") d.tag(0).string(failure.subject.itemCode);
  else d.tag(1).string(failure.subject.description);
  writeFindings(d, failure.findings);
  writeListType(d, situation.listType);
  const entry = situation.entry;
  if (entry === null) d.nullable(null);
  else {
    // The facts' digest is the entry's, whichever copy (A9) the situation holds.
    d.digest(situation.facts?.digest ?? entryDigest(entry));
    d.nullable(entry.effectiveTo).nullable(entry.closedBy);
  }
  writeTask(d, situation.task);
  writeTask(d, situation.namedTask);
  // The version's township is the case's, written above.
  d.integer(version.number).nullable(version.changeId).nullable(version.effectiveFrom);
  d.arrayOf(parties.length);
  for (const party of parties) {
    writePartyKind(d, party.kind);
    d.string(party.code).string(party.name);
  }
  return `D-${d.hex96()}`;
}

// Distinguishes decision ids from other uses of the same hash.
const DECISION_SEED = 0x44310002;
// One digest for every id: an id is computed start to end, never inside another.
const DECISION_DIGEST = new Digest();

// A case names a handful of departments; past this many sets of findings met on one entry, further
// ones are computed each time rather than kept (a caller cannot grow the context without bound).
const OUTCOMES_PER_ENTRY = 16;

const NO_CODES: readonly string[] = [];

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The outcome of the case (`outcomeOf`). On an entry, with keyed findings (`outcomeKey`), it is
 * kept with the entry's facts: the rules and texts read the entry, the township and the findings,
 * never the date, so every later case on the entry with the same findings shares it.
 */
function entryOutcome(context: DeterminationContext, failure: FailureCase, situation: Located): Outcome {
  const facts = situation.facts;
  const bits = facts === null ? NOT_KEYED : outcomeKey(failure.findings);
  const others = failure.findings.otherDepartments ?? NO_CODES;
  const kept = bits === NOT_KEYED ? null : (facts?.outcomes ?? null);
  if (kept !== null)
    for (const known of kept)
      if (known.bits === bits && sameCodes(known.otherDepartments, others)) return known.outcome;
  const outcome = outcomeOf(
    failure,
    situation,
    context.directory,
    (p) => namedParty(context, p),
    facts?.situationText,
  );
  if (kept !== null && kept.length < OUTCOMES_PER_ENTRY)
    kept.push({ bits, otherDepartments: others, outcome });
  return outcome;
}

/**
 * Determines who bears primary, secondary or no responsibility for a failure in a township on a
 * date (A1–A11), from the lists in force that day (A9) and the inspectors' findings. Every party
 * involved gets a role with the rule ids that gave it, its factors, the citations (item, list,
 * entry interval, list version, basis), a reason when NONE (A11) and a Chinese explanation.
 * @example
 * determineResponsibility(context, {
 *   townshipCode: "CGZ", date: isoDate("2025-05-10"),
 *   subject: { kind: "ITEM", itemCode: "PH-003" },
 *   findings: { townshipAtFault: true, withinCooperationContent: true },
 * }) // township SECONDARY (A2), 县消防救援大队 PRIMARY (A2)
 */
export function determineResponsibility(
  context: DeterminationContext,
  question: FailureCase,
): Result<Determination, OperationError> {
  const errors = failureCaseErrors(question, context.directory);
  const first = errors[0];
  if (first !== undefined) return err(first, ...errors.slice(1));
  const failure = normalizeFailureCase(question);
  const situation = locate(context, failure);
  const version = versionOf(context, failure.townshipCode, failure.date);
  const citations = citationsIn(situation, version);
  const outcome = entryOutcome(context, failure, situation);
  const parties: PartyDetermination[] = [];
  for (let i = 0; i < outcome.findings.length; i++) {
    const finding = outcome.findings[i];
    const party = outcome.named[i];
    if (finding === undefined || party === undefined) continue;
    parties.push({
      party,
      role: finding.role,
      factors: finding.factors,
      ruleIds: finding.ruleIds,
      citations,
      reason: outcome.reasons[i] ?? null,
      explanation: outcome.explanations[i] ?? "",
    });
  }
  return ok({
    decisionId: decisionIdOf(failure, situation, version, outcome.named),
    failure,
    listType: situation.listType,
    entry: situation.entry,
    temporaryTask: situation.task,
    listVersion: version,
    parties,
    violations: outcome.violations,
    ruleIds: outcome.ruleIds,
    summary: outcome.summary,
  });
}
