import { ACCOUNTABILITY_RULES, type AccountabilityRuleId } from "../base/rules.ts";
import type { PartyRef } from "../county/county.ts";
import type { CountyDirectory } from "../county/county-dataset.ts";
import type { NamedParty, ReportedViolation, Role, Situation } from "./determination.ts";
import type { FailureCase } from "./failure-case.ts";
import { applyRules, type PartyFinding, type RuleOutcome } from "./responsibility-rules.ts";
import { describeParty, describeSituation, partyName } from "./responsibility-text.ts";

/**
 * What the rules gave the parties of a case, with every text of the determination but its id:
 * the parties in order with their names, explanations and reasons, the summary, the violations
 * and the rules applied.
 */
export interface Outcome {
  /** The case's township first, then other townships, then departments, each by code. */
  readonly findings: readonly PartyFinding[];
  /** By position in `findings`. */
  readonly named: readonly NamedParty[];
  readonly explanations: readonly string[];
  /** Set exactly where the role is NONE (A11). */
  readonly reasons: readonly (string | null)[];
  readonly summary: string;
  readonly violations: readonly ReportedViolation[];
  /** A9 and every rule the findings name, in rule order. */
  readonly ruleIds: readonly AccountabilityRuleId[];
}

/** Names parties from the directory, one object per party (the determination context's). */
export type PartyNamer = (party: PartyRef) => NamedParty;

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  PRIMARY: "主要责任",
  SECONDARY: "次要责任",
  NONE: "不承担责任",
};

/**
 * Applies the rules to a located case (`applyRules`) and writes its texts. `situationText` is
 * `describeSituation`'s sentence when the caller has it already.
 */
export function outcomeOf(
  failure: FailureCase,
  situation: Situation,
  directory: CountyDirectory,
  nameOf: PartyNamer,
  situationText: string = describeSituation(failure, situation, directory),
): Outcome {
  const outcome = applyRules(failure, situation);
  const findings = sortFindings(outcome.parties, failure.townshipCode);
  // Every party a sentence names is among the findings (leads, receiver, requester, pusher, the
  // township), and a finding's name comes from the directory: so names come from the directory.
  const named: NamedParty[] = [];
  const explanations: string[] = [];
  const reasons: (string | null)[] = [];
  let summary = situationText;
  for (const finding of findings) {
    const party = nameOf(finding.party);
    named.push(party);
    explanations.push(describeParty(situationText, party, finding));
    reasons.push(finding.role === "NONE" ? finding.clauses.join(";") : null);
    summary += `;${party.name}:${ROLE_NAMES[finding.role]}`;
  }
  const violations: ReportedViolation[] = [];
  for (const violation of outcome.violations) {
    violations.push({
      ...violation,
      townshipCode: failure.townshipCode,
      date: failure.date,
      message: violationMessage(violation, failure, situation, directory),
    });
  }
  return {
    findings,
    named,
    explanations,
    reasons,
    summary,
    violations,
    ruleIds: appliedRules(findings),
  };
}

/** The sentence that reports a violation (A4: a push-down; A5: a task not closed). */
function violationMessage(
  violation: RuleOutcome["violations"][number],
  failure: FailureCase,
  situation: Situation,
  directory: CountyDirectory,
): string {
  const department = partyName(directory, "DEPARTMENT", violation.departmentCode);
  const township = partyName(directory, "TOWNSHIP", failure.townshipCode);
  if (violation.code === "TASK_NOT_CLOSED") {
    const task = situation.task;
    const which = task === null ? "" : ` ${task.id}(计划 ${task.plannedEndOn} 结束)`;
    return `${department}交办${township}的临时任务${which}于${failure.date}逾期未销号,动态调整不及时,予以通报(规则A5)`;
  }
  const what = situation.listType === "RECLAIMED" ? "已收回的事项" : "清单外事项";
  return `${department}于${failure.date}未经登记向${township}转嫁${what},予以通报(规则A4)`;
}

/** 0 for the case's township, 1 for other townships, 2 for departments. */
function partyRank(party: PartyRef, townshipCode: string): number {
  return party.kind === "TOWNSHIP" ? (party.code === townshipCode ? 0 : 1) : 2;
}

/**
 * The case's township first, then other townships, then departments, each by code.
 * @example sortFindings(applyRules(failure, situation).parties, failure.townshipCode)[0]?.party.kind // "TOWNSHIP"
 */
export function sortFindings(parties: readonly PartyFinding[], townshipCode: string): PartyFinding[] {
  const findings = [...parties];
  // Insertion sort: a case names a handful of parties.
  for (let i = 1; i < findings.length; i++) {
    const current = findings[i];
    if (current === undefined) continue;
    const rank = partyRank(current.party, townshipCode);
    let j = i - 1;
    for (; j >= 0; j--) {
      const before = findings[j];
      if (before === undefined) break;
      const beforeRank = partyRank(before.party, townshipCode);
      if (beforeRank < rank || (beforeRank === rank && before.party.code <= current.party.code)) break;
      findings[j + 1] = before;
    }
    findings[j + 1] = current;
  }
  return findings;
}

const RULE_ORDER: readonly AccountabilityRuleId[] = ACCOUNTABILITY_RULES;

const RULE_BITS: ReadonlyMap<AccountabilityRuleId, number> = new Map(RULE_ORDER.map((id, n) => [id, 1 << n]));
// The rule lists of determinations, by the set of rules as bits: a handful of distinct lists.
const APPLIED_RULES = new Map<number, readonly AccountabilityRuleId[]>();

/**
 * A9 and every rule the findings name, in rule order (A1 … A11); one shared list per set.
 * @example appliedRules(findings) // ["A2", "A9", "A11"]
 */
export function appliedRules(findings: readonly PartyFinding[]): readonly AccountabilityRuleId[] {
  let bits = RULE_BITS.get("A9") ?? 0;
  for (const finding of findings) for (const id of finding.ruleIds) bits |= RULE_BITS.get(id) ?? 0;
  let rules = APPLIED_RULES.get(bits);
  if (rules === undefined) {
    rules = RULE_ORDER.filter((id) => ((RULE_BITS.get(id) ?? 0) & bits) !== 0);
    APPLIED_RULES.set(bits, rules);
  }
  return rules;
}
