import type { CountyDirectory } from "../county/county-dataset.ts";
import { TASK_AUTHORITY_NAMES } from "../ledger/temporary-task.ts";
import { LIST_TYPE_NAMES, type ListEntry } from "../lists/list-entry.ts";
import type { NamedParty, Situation } from "./determination.ts";
import type { FailureCase } from "./failure-case.ts";
import type { PartyFinding } from "./responsibility-rules.ts";

/**
 * A party's name from the directory by kind and code (its code when unknown).
 * @example partyName(directory, "DEPARTMENT", "XFJY") // "县消防救援大队"
 */
export function partyName(directory: CountyDirectory, kind: NamedParty["kind"], code: string): string {
  const known = kind === "TOWNSHIP" ? directory.townships.get(code) : directory.departments.get(code);
  return known?.name ?? code;
}

/**
 * One Chinese sentence on what the matter was on the township's lists that day, e.g.
 * `该事项属于配合履职事项「…」(PH-003),牵头部门为县消防救援大队`.
 */
export function describeSituation(
  failure: FailureCase,
  situation: Situation,
  directory: CountyDirectory,
): string {
  const { entry, task } = situation;
  if (entry !== null) return describeEntry(entry, directory);
  if (task !== null) {
    const role = task.townshipRole === "LEAD" ? "牵头" : "协助";
    return `该事项为${TASK_AUTHORITY_NAMES[task.decision.authority]}${task.decision.documentNo}决定的临时性工作任务「${task.content}」(${task.id}),交办部门为${partyName(directory, "DEPARTMENT", task.requestingDepartment)},登记乡镇角色为${role}`;
  }
  const what =
    failure.subject.kind === "ITEM"
      ? `事项 ${failure.subject.itemCode}`
      : `「${failure.subject.description}」`;
  return `${what}于${failure.date}不在${partyName(directory, "TOWNSHIP", failure.townshipCode)}有效的履职事项清单内,属清单外事项`;
}

/**
 * `describeSituation` of a case on a list entry: depends on the entry (and the names) alone, so
 * determinations compute it once per entry.
 * @example describeEntry(entry, directory) // "该事项属于基本履职事项「…」(MS-001,自2025-01-01起列入)"
 */
export function describeEntry(entry: ListEntry, directory: CountyDirectory): string {
  // Joined from its parts: one flat string, which every text of the entry's cases copies.
  const terms = entry.terms;
  const { name } = entry.content;
  const type = LIST_TYPE_NAMES[terms.type];
  const { itemCode, effectiveFrom } = entry;
  if (terms.type === "BASIC")
    return ["该事项属于", type, "「", name, "」(", itemCode, ",自", effectiveFrom, "起列入)"].join("");
  if (terms.type === "RECLAIMED") {
    const receiver = partyName(directory, "DEPARTMENT", terms.receivingDepartment);
    return [
      "该事项属于",
      type,
      "「",
      name,
      "」(",
      itemCode,
      ",自",
      effectiveFrom,
      "起列入),已收回至",
      receiver,
    ].join("");
  }
  const leads = terms.leadDepartments;
  const first = leads.length === 0 ? "" : partyName(directory, "DEPARTMENT", leads[0] ?? "");
  const parts = [
    "该事项属于",
    type,
    "「",
    name,
    "」(",
    itemCode,
    ",自",
    effectiveFrom,
    "起列入),牵头部门为",
    first,
  ];
  for (let i = 1; i < leads.length; i++) parts.push("、", partyName(directory, "DEPARTMENT", leads[i] ?? ""));
  return parts.join("");
}

/** The situation, then the party's name and each clause that gave its role, then its factors. */
export function describeParty(situationText: string, party: NamedParty, finding: PartyFinding): string {
  return `${situationText};${party.name}${describeFinding(finding)}`;
}

/**
 * What follows the party's name in its explanation (`describeParty`): each clause that gave its
 * role, then its factors. Depends on the finding alone, so determinations share it between cases.
 * @example describeFinding(finding) // "为该配合事项的牵头部门,承担主要责任(规则A2)。"
 */
export function describeFinding(finding: PartyFinding): string {
  // Joined from its parts: one flat string, which texts built on it copy in one piece.
  const parts = [finding.clauses.join(";")];
  for (const factor of finding.factors)
    parts.push(
      `;${factor.kind === "AGGRAVATING" ? "从重" : "从轻"}情节:${factor.description}(规则${factor.ruleId})`,
    );
  parts.push("。");
  return parts.join("");
}
