import type { AccountabilityRuleId } from "../base/rules.ts";
import type { PartyRef } from "../county/county.ts";
import { taskCoverage } from "../ledger/temporary-task.ts";
import type { Factor, Role, Situation, ViolationCode } from "./determination.ts";
import type { FailureCase } from "./failure-case.ts";

/** One party's role as the rules left it, with the clauses that explain it. */
export interface PartyFinding {
  readonly party: PartyRef;
  role: Role;
  ruleIds: AccountabilityRuleId[];
  /** Chinese clauses, each ending with its rule id, e.g. `作为牵头部门承担主要责任(规则A2)`. */
  clauses: string[];
  factors: Factor[];
}

export interface RuleOutcome {
  /** One finding per party, in the order the rules first reached them. */
  readonly parties: readonly PartyFinding[];
  readonly violations: readonly {
    readonly ruleId: "A4" | "A5";
    readonly code: ViolationCode;
    readonly departmentCode: string;
  }[];
}

const RANK: Readonly<Record<Role, number>> = { NONE: 0, SECONDARY: 1, PRIMARY: 2 };

/** `clause(规则A1、A2)`: the clause with the rules that gave it. */
function withRules(clause: string, ruleIds: readonly AccountabilityRuleId[]): string {
  let ids = ruleIds[0] ?? "";
  for (let i = 1; i < ruleIds.length; i++) ids += `、${ruleIds[i]}`;
  return `${clause}(规则${ids})`;
}

// The parties the rules reached, as plain functions over a list rather than a class: a class's
// shape is rebuilt after a full GC finds no instance alive, and the optimised code of every
// caller is thrown away with it (determinations run in bursts, with collections between).
// A case names a handful of parties: a list searched by kind and code beats a keyed map.
type Roles = PartyFinding[];

function find(roles: Roles, party: PartyRef): PartyFinding | undefined {
  for (const finding of roles)
    if (finding.party.code === party.code && finding.party.kind === party.kind) return finding;
  return undefined;
}

/**
 * Gives `party` a role. A stronger role replaces a weaker one together with its rules and
 * clauses (e.g. A8 overriding A3); an equal role adds its rules; a weaker one is ignored.
 */
function grant(
  roles: Roles,
  party: PartyRef,
  role: Role,
  ruleIds: readonly AccountabilityRuleId[],
  clause: string,
): PartyFinding {
  const known = find(roles, party);
  if (known === undefined) {
    const finding: PartyFinding = {
      party,
      role,
      ruleIds: [...ruleIds],
      clauses: [withRules(clause, ruleIds)],
      factors: [],
    };
    roles.push(finding);
    return finding;
  }
  if (RANK[role] > RANK[known.role]) {
    // Replaced in place: the party keeps its place in the order the rules reached it.
    known.role = role;
    known.ruleIds = [...ruleIds];
    known.clauses = [withRules(clause, ruleIds)];
  } else if (RANK[role] === RANK[known.role]) {
    for (const id of ruleIds) if (!known.ruleIds.includes(id)) known.ruleIds.push(id);
    known.clauses.push(withRules(clause, ruleIds));
  }
  return known;
}

/** Adds a factor (and its rule) to a party that bears a role. */
function factor(roles: Roles, party: PartyRef, added: Factor): void {
  const known = find(roles, party);
  if (known === undefined || known.role === "NONE") return;
  known.factors.push(added);
  if (!known.ruleIds.includes(added.ruleId)) known.ruleIds.push(added.ruleId);
}

function has(roles: Roles, party: PartyRef): boolean {
  return find(roles, party) !== undefined;
}

/** Gives NONE, with the reason, to each department the case names that no rule reached (A11). */
function noneForOthers(roles: Roles, departments: readonly string[], clause: string): void {
  for (const code of departments) {
    const party: PartyRef = { kind: "DEPARTMENT", code };
    if (!has(roles, party)) grant(roles, party, "NONE", ["A11"], clause);
  }
}

function cooperativeTownship(roles: Roles, failure: FailureCase, township: PartyRef): void {
  const f = failure.findings;
  if (f.townshipRefusedCooperation === true) {
    // A7 (001: 拒不配合县级部门合规工作的,严肃问责处理): only a request within the listed
    // cooperation content is legitimate cooperation; outside it, or not established, NONE (A11).
    if (f.withinCooperationContent === true) {
      grant(roles, township, "SECONDARY", ["A7"], "拒不配合牵头部门依清单提出的配合要求,承担次要责任");
      factor(roles, township, {
        kind: "AGGRAVATING",
        code: "REFUSED_COOPERATION",
        ruleId: "A7",
        description: "拒不配合",
      });
    } else if (f.withinCooperationContent === false) {
      grant(
        roles,
        township,
        "NONE",
        ["A7", "A11"],
        "所拒绝的要求不在清单载明的乡镇配合内容范围内,不属拒不配合合规工作,不承担责任",
      );
    } else {
      grant(
        roles,
        township,
        "NONE",
        ["A7", "A11"],
        "未认定所拒绝的要求在清单载明的乡镇配合内容范围内,不认定拒不配合合规工作,不承担责任",
      );
    }
  } else if (f.townshipAtFault === true && f.withinCooperationContent === true) {
    grant(roles, township, "SECONDARY", ["A2"], "在配合范围内存在过错,对过错部分承担次要责任");
  } else if (f.withinCooperationContent === false) {
    grant(roles, township, "NONE", ["A2"], "失误不在清单载明的乡镇配合内容范围内,不承担责任");
  } else if (f.townshipAtFault === true) {
    grant(roles, township, "NONE", ["A2", "A11"], "未认定失误在乡镇配合内容范围内,不承担责任");
  } else {
    grant(roles, township, "NONE", ["A2", "A11"], "未认定乡镇在配合范围内存在过错,不承担责任");
  }
  if (f.guaranteesDelivered === false) {
    // A10: duties must match means (责能相适).
    factor(roles, township, {
      kind: "MITIGATING",
      code: "GUARANTEES_NOT_DELIVERED",
      ruleId: "A10",
      description: "牵头部门未落实清单载明的履职保障",
    });
  }
}

/** What every rule of a situation reads: the case, its township, the other departments it names. */
interface RuleInput {
  readonly failure: FailureCase;
  readonly situation: Situation;
  readonly township: PartyRef;
  readonly others: readonly string[];
  readonly violations: RuleOutcome["violations"][number][];
}

/** A1: a basic item is the township's; departments bear nothing. */
function basicRules(roles: Roles, { township, others }: RuleInput): void {
  grant(roles, township, "PRIMARY", ["A1"], "为该基本履职事项的责任主体,必须为、负全责,承担主要责任");
  for (const code of others) {
    grant(roles, { kind: "DEPARTMENT", code }, "NONE", ["A1"], "基本履职事项由乡镇负全责,部门不承担责任");
  }
}

/** A2 (with A7, A10 for the township): the lead departments are primary. */
function cooperativeRules(roles: Roles, { failure, situation, township, others }: RuleInput): void {
  const terms = situation.entry?.terms;
  for (const code of terms?.type === "COOPERATIVE" ? terms.leadDepartments : []) {
    grant(roles, { kind: "DEPARTMENT", code }, "PRIMARY", ["A2"], "为该配合事项的牵头部门,承担主要责任");
  }
  cooperativeTownship(roles, failure, township);
  noneForOthers(roles, others, "清单未将该配合事项的牵头职责赋予该部门,不承担责任");
}

/**
 * A4: the department that pushed the matter onto the township is primary, with an aggravating
 * factor, and the push-down is reported (擅自向基层转嫁任务, 001).
 */
function pushedDown(roles: Roles, input: RuleInput, pusherCode: string, clause: string): void {
  const pusher: PartyRef = { kind: "DEPARTMENT", code: pusherCode };
  grant(roles, pusher, "PRIMARY", ["A4"], clause);
  factor(roles, pusher, {
    kind: "AGGRAVATING",
    code: "UNREGISTERED_PUSH_DOWN",
    ruleId: "A4",
    description: "擅自向基层转嫁任务",
  });
  input.violations.push({ ruleId: "A4", code: "UNREGISTERED_PUSH_DOWN", departmentCode: pusherCode });
}

/**
 * A3, A6: the receiving department is primary; the township bears nothing, 属地管理 or not.
 * A4: a department that hands a reclaimed item back down to the township (未按清单要求收回职责、
 * 擅自向基层转嫁任务, 001) is primary too, and the push-down is reported; the receiver stays primary.
 */
function reclaimedRules(roles: Roles, input: RuleInput): void {
  const { failure, situation, township, others } = input;
  const f = failure.findings;
  const terms = situation.entry?.terms;
  if (terms?.type === "RECLAIMED") {
    const receiver: PartyRef = { kind: "DEPARTMENT", code: terms.receivingDepartment };
    grant(roles, receiver, "PRIMARY", ["A3"], "为该收回事项的承接部门,承担主要责任");
    if (f.receivingDepartmentTookOver === false) {
      factor(roles, receiver, {
        kind: "AGGRAVATING",
        code: "RECLAIMED_NOT_TAKEN_OVER",
        ruleId: "A6",
        description: "收回事项承接缺位",
      });
    }
  }
  const claim = f.territorialClaim === true ? ",以属地管理为由要求乡镇担责的不予支持" : "";
  grant(roles, township, "NONE", ["A3"], `对上级部门收回事项不追究乡镇(街道)责任${claim}`);
  if (f.pushedDownBy !== undefined) {
    grant(roles, township, "NONE", ["A4"], "该事项已收回上级部门,部门将其转回乡镇系擅自转嫁,乡镇不承担责任");
    pushedDown(
      roles,
      input,
      f.pushedDownBy,
      "未按清单要求收回职责,将已收回事项擅自转嫁乡镇,承担主要责任并作为违规上报",
    );
  }
  noneForOthers(roles, others, "该事项未收回至该部门,不承担责任");
}

/**
 * A5: a registered temporary task is cooperation work (清单之外临时性、阶段性需要乡镇(街道)配合的
 * 工作, 002). While it covers the township the requesting department is primary and the township
 * secondary only for its own fault within the registered content, whatever role the task
 * registers. Past its planned end without a closing, the township's cooperation has ended
 * (终止配合职责): the township bears nothing, the department is primary and the unclosed task is
 * reported (动态调整不及时, 002).
 */
function temporaryRules(roles: Roles, { failure, situation, township, others, violations }: RuleInput): void {
  const f = failure.findings;
  const task = situation.task;
  if (task === null) return;
  const requester: PartyRef = { kind: "DEPARTMENT", code: task.requestingDepartment };
  if (taskCoverage(task, failure.townshipCode, failure.date) === "ENDED") {
    grant(
      roles,
      township,
      "NONE",
      ["A5"],
      `临时任务 ${task.id} 已过计划结束日期 ${task.plannedEndOn},乡镇配合职责已终止,不承担责任`,
    );
    grant(
      roles,
      requester,
      "PRIMARY",
      ["A5"],
      `作为临时任务 ${task.id} 的交办部门,任务逾期未销号,承担主要责任并作为动态调整不及时通报`,
    );
    factor(roles, requester, {
      kind: "AGGRAVATING",
      code: "TASK_NOT_CLOSED",
      ruleId: "A5",
      description: "临时任务逾期未销号(动态调整不及时)",
    });
    violations.push({ ruleId: "A5", code: "TASK_NOT_CLOSED", departmentCode: task.requestingDepartment });
  } else {
    grant(roles, requester, "PRIMARY", ["A5"], `作为临时任务 ${task.id} 的交办部门,承担主要责任`);
    if (f.townshipAtFault === true && f.withinCooperationContent === true) {
      grant(
        roles,
        township,
        "SECONDARY",
        ["A5"],
        `在临时任务 ${task.id} 登记的配合内容范围内存在过错,承担次要责任`,
      );
    } else {
      grant(
        roles,
        township,
        "NONE",
        ["A5", "A11"],
        `未认定乡镇在临时任务 ${task.id} 登记的配合内容范围内存在过错,不承担责任`,
      );
    }
  }
  noneForOthers(roles, others, "与该临时任务无关,不承担责任");
}

/** A5 for a named task that does not cover the township that day (A4 applies): nobody is blamed by it. */
function uncoveredTaskRules(
  roles: Roles,
  { failure, situation, township }: RuleInput,
  itemText: string,
): void {
  const task = situation.namedTask;
  if (task === null) return;
  const coverage = taskCoverage(task, failure.townshipCode, failure.date);
  const why =
    coverage === "NOT_NAMED"
      ? "未登记该乡镇"
      : coverage === "CLOSED"
        ? `已于 ${task.closedOn ?? ""} 销号`
        : `至 ${task.startsOn} 才开始`;
  grant(roles, township, "NONE", ["A5"], `${itemText},临时任务 ${task.id} ${why},乡镇不承担责任`);
  if (failure.findings.pushedDownBy !== task.requestingDepartment) {
    grant(
      roles,
      { kind: "DEPARTMENT", code: task.requestingDepartment },
      "NONE",
      ["A5", "A11"],
      `作为临时任务 ${task.id} 的交办部门,该任务于 ${failure.date} 对该乡镇不在有效期内,不承担责任`,
    );
  }
}

/** A4 (and A11): an off-list matter pushed down without a registered task is the pusher's. */
function offListRules(roles: Roles, input: RuleInput): void {
  const { failure, situation, township, others } = input;
  const f = failure.findings;
  const itemText =
    failure.subject.kind === "ITEM"
      ? `所涉事项 ${failure.subject.itemCode} 当日不在其有效清单内`
      : "所涉事项不在其清单内";
  uncoveredTaskRules(roles, input, itemText);
  if (f.pushedDownBy !== undefined) {
    grant(
      roles,
      township,
      "NONE",
      ["A4"],
      `${itemText},也无有效的登记临时任务,系部门擅自转嫁,乡镇不承担责任`,
    );
    pushedDown(roles, input, f.pushedDownBy, "未经登记擅自向乡镇转嫁清单外事项,承担主要责任并作为违规上报");
  } else if (situation.namedTask === null) {
    grant(
      roles,
      township,
      "NONE",
      ["A11"],
      `${itemText},也无有效的登记临时任务,清单和认定事实均不支持追究乡镇责任`,
    );
  }
  noneForOthers(roles, others, "清单和认定事实未将该事项归于该部门,不承担责任");
}

/** The rules of each situation (A9 chose it). */
const SITUATION_RULES: Readonly<Record<Situation["listType"], (roles: Roles, input: RuleInput) => void>> = {
  BASIC: basicRules,
  COOPERATIVE: cooperativeRules,
  RECLAIMED: reclaimedRules,
  TEMPORARY: temporaryRules,
  OFF_LIST: offListRules,
};

/**
 * Applies A1–A8 and A10–A11 to a located failure (A9 chose the situation): the rules of its
 * situation, then A8, then A11. Pure: the same case and situation always give the same parties,
 * roles, rules and clauses.
 */
export function applyRules(failure: FailureCase, situation: Situation): RuleOutcome {
  const roles: Roles = [];
  const f = failure.findings;
  const township: PartyRef = { kind: "TOWNSHIP", code: failure.townshipCode };
  const violations: RuleOutcome["violations"][number][] = [];
  const others: readonly string[] =
    f.pushedDownBy === undefined
      ? (f.otherDepartments ?? [])
      : [...(f.otherDepartments ?? []), f.pushedDownBy];
  SITUATION_RULES[situation.listType](roles, { failure, situation, township, others, violations });
  // A8: falsification makes the falsifier primary for the matter, whatever the list says.
  for (const party of f.falsifiedBy ?? []) {
    grant(roles, party, "PRIMARY", ["A8"], "弄虚作假,不论清单如何规定,对该事项承担主要责任");
    factor(roles, party, {
      kind: "AGGRAVATING",
      code: "FALSIFICATION",
      ruleId: "A8",
      description: "弄虚作假",
    });
  }
  // A11: the township is in every case; with no rule that reached it, it bears nothing.
  if (!has(roles, township)) {
    grant(roles, township, "NONE", ["A11"], "清单和认定事实均不支持追究乡镇责任");
  }
  return { parties: roles, violations };
}
