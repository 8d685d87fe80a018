// Responsibility determination (A1–A11): `determineResponsibility` and the decision id.
import type { OperationError } from "../base/domain-error.ts";
import { err, ok, type Result } from "../base/result.ts";
import {
  citationsOf,
  type DeterminationContext,
  locate,
  townshipFacts,
  versionOf,
} from "../engine/determination-context.ts";
import { decideParties } from "../engine/determination-parties.ts";
import { noListRecorded } from "../lists/list-coverage.ts";
import type { ListVersion } from "../lists/list-index.ts";
import {
  Digest,
  entryDigest,
  writeFindings,
  writeListType,
  writePartyKind,
  writeTask,
} from "./decision-digest.ts";
import type { Determination, PartyDetermination, Situation } from "./determination.ts";
import { type FailureCase, failureCaseErrors, normalizeFailureCase } from "./failure-case.ts";

/**
 * The decision id: a 96-bit hash (`decision-digest.ts`) of the normalised question, the list
 * type, what the determination used of the entry (as it stood that day) or of the task, the task
 * the findings name, the list version and the parties' names. Same question on the same data,
 * same id; a change of the list content used changes it.
 */
function decisionIdOf(
  failure: FailureCase,
  situation: Situation,
  version: ListVersion,
  parties: readonly PartyDetermination[],
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
    // Equal for the entry and its open copy (A9): its closing is written below as it stood.
    d.digest(entryDigest(entry));
    d.nullable(entry.effectiveTo).nullable(entry.closedBy);
  }
  writeTask(d, situation.task);
  writeTask(d, situation.namedTask);
  // The version's township is the case's, written above.
  d.integer(version.number).nullable(version.changeId).nullable(version.effectiveFrom);
  d.arrayOf(parties.length);
  for (const { party } of parties) {
    writePartyKind(d, party.kind);
    d.string(party.code).string(party.name);
  }
  return d.tagged96("D-");
}

// Distinguishes decision ids from other uses of the same hash.
const DECISION_SEED = 0x44310002;
// One digest for every id: an id is computed start to end, never inside another.
const DECISION_DIGEST = new Digest();

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
  const township = townshipFacts(context, failure.townshipCode);
  // A9: before the township's first recorded list there are no lists to decide by — an error,
  // never an off-list matter (A11).
  const firstList = township.firstListDate;
  if (firstList === null || firstList > failure.date) {
    const missing = noListRecorded(
      context.index,
      context.dataset.county.code,
      failure.townshipCode,
      failure.date,
      context.directory.townships.get(failure.townshipCode)?.name,
    );
    if (missing !== null) return err(missing);
  }
  const situation = locate(context, township, failure);
  const version = versionOf(context, township, failure.townshipCode, failure.date);
  const citations = citationsOf(situation, version);
  const decided = decideParties(context, failure, situation, township.party, citations);
  return ok({
    decisionId: decisionIdOf(failure, situation, version, decided.parties),
    failure,
    listType: situation.listType,
    entry: situation.entry,
    temporaryTask: situation.task,
    listVersion: version,
    knownOn: context.knownOn,
    parties: decided.parties,
    violations: decided.violations,
    ruleIds: decided.ruleIds,
    summary: decided.summary,
  });
}
