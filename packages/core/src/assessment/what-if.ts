import type { AdjustmentChange, AdjustmentRoute } from "../adjustments/adjustment.ts";
import { publishAdjustment } from "../adjustments/adjustment-publication.ts";
import { approveAdjustment, proposeAdjustment } from "../adjustments/adjustment-workflow.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { DomainError } from "../base/domain-error.ts";
import type { ExactRational } from "../base/exact-rational.ts";
import { ok, type Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import type { Determination } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { determineResponsibility } from "../responsibility/responsibility.ts";
import type { AssessmentPlan } from "./assessment-plan.ts";
import { type ScoreAssessmentOptions, type ScoredYear, scoreAssessment } from "./assessment-scoring.ts";
import type { AssessmentRecords } from "./performance-record.ts";

/** A hypothetical adjustment: changes taking effect on a date (e.g. reclaim item X from 1 July). */
export interface WhatIfScenario {
  readonly description: string;
  readonly changes: readonly AdjustmentChange[];
  readonly effectiveFrom: IsoDate;
}

export interface ScoreChange {
  readonly code: string;
  readonly before: ExactRational;
  readonly after: ExactRational;
  readonly delta: ExactRational;
}

export interface TownshipScoreChange {
  readonly townshipCode: string;
  readonly core: ScoreChange;
  readonly collaborative: ScoreChange;
  readonly total: ScoreChange;
}

export interface DeterminationChange {
  readonly failure: FailureCase;
  readonly before: Determination;
  readonly after: Determination;
}

export interface WhatIfOutcome {
  readonly scenario: WhatIfScenario;
  /** The approvals the real adjustment would need (L4). */
  readonly route: AdjustmentRoute;
  readonly townships: readonly TownshipScoreChange[];
  readonly departments: readonly ScoreChange[];
  /** The given failure cases whose determination the adjustment would change. */
  readonly changedDeterminations: readonly DeterminationChange[];
  readonly before: ScoredYear;
  readonly after: ScoredYear;
}

const WHAT_IF_ID = "WHAT-IF";

function change(code: string, before: ExactRational, after: ExactRational): ScoreChange {
  return { code, before, after, delta: after.minus(before) };
}

/**
 * What a determination decides: the list type and each party's role, rules and factors. The
 * decision id is not compared: every publication on the township moves its list version.
 */
function verdict(determination: Determination): string {
  const parties = determination.parties.map(
    (p) =>
      `${p.party.kind}:${p.party.code}=${p.role}[${p.ruleIds.join(",")}](${p.factors.map((f) => f.code).join(",")})`,
  );
  return `${determination.listType}|${parties.join("|")}`;
}

/** The lists as they would be after the scenario, built through the real workflow (checks included). */
function hypotheticalLists(
  dataset: CountyDataset,
  scenario: WhatIfScenario,
): Result<{ readonly dataset: CountyDataset; readonly route: AdjustmentRoute }, DomainError> {
  const on = scenario.effectiveFrom;
  const proposed = proposeAdjustment(dataset, {
    id: WHAT_IF_ID,
    title: scenario.description,
    reason: scenario.description,
    trigger: { kind: "WORK_NEED", reference: "模拟测算" },
    proposer: { kind: "COUNTY_GOVERNMENT" },
    proposedOn: on,
    recordedOn: on,
    changes: scenario.changes,
  });
  if (!proposed.ok) return proposed;
  // A simulation is not an approval: both levels are granted here only so that publication can
  // apply the changes; the real route is reported.
  let next = proposed.value.dataset;
  for (const level of ["COUNTY", "PROVINCE"] as const) {
    const approved = approveAdjustment(next, WHAT_IF_ID, {
      level,
      authority: "模拟测算",
      approvedOn: on,
      documentNo: null,
      recordedOn: on,
    });
    if (!approved.ok) return approved;
    next = approved.value.dataset;
  }
  const published = publishAdjustment(next, WHAT_IF_ID, {
    publishedOn: on,
    effectiveFrom: on,
    recordedOn: on,
  });
  if (!published.ok) return published;
  return ok({ dataset: published.value.dataset, route: proposed.value.route });
}

/**
 * Scores a year against a hypothetical adjustment without touching the dataset, and reports the
 * difference per township and department, the approval route the real change would take (L4),
 * and which of the given failure cases would be determined differently (A9). The adjustment goes
 * through the same checks as a real one; a change that could not be published is an error.
 * @example whatIf(plan, dataset, records, { description: "7月1日起收回ZR-001", changes: [...], effectiveFrom: isoDate("2025-07-01") })
 */
export function whatIf(
  plan: AssessmentPlan,
  dataset: CountyDataset,
  records: AssessmentRecords,
  scenario: WhatIfScenario,
  failures: readonly FailureCase[] = [],
  options: Omit<ScoreAssessmentOptions, "index"> = {},
): Result<WhatIfOutcome, DomainError> {
  const hypothetical = hypotheticalLists(dataset, scenario);
  if (!hypothetical.ok) return hypothetical;
  const before = scoreAssessment(plan, dataset, records, options);
  const after = scoreAssessment(plan, hypothetical.value.dataset, records, options);
  const afterTownships = new Map(after.townships.map((t) => [t.townshipCode, t]));
  const afterDepartments = new Map(after.departments.map((d) => [d.departmentCode, d]));
  const townships = before.townships.flatMap((t): TownshipScoreChange[] => {
    const a = afterTownships.get(t.townshipCode);
    if (a === undefined) return [];
    return [
      {
        townshipCode: t.townshipCode,
        core: change(t.townshipCode, t.core.score, a.core.score),
        collaborative: change(t.townshipCode, t.collaborative.score, a.collaborative.score),
        total: change(t.townshipCode, t.total, a.total),
      },
    ];
  });
  const departments = before.departments.flatMap((d): ScoreChange[] => {
    const a = afterDepartments.get(d.departmentCode);
    return a === undefined ? [] : [change(d.departmentCode, d.total, a.total)];
  });
  const contextBefore = prepareDeterminations(dataset);
  const contextAfter = prepareDeterminations(hypothetical.value.dataset);
  const changedDeterminations = failures.flatMap((failure): DeterminationChange[] => {
    const b = determineResponsibility(contextBefore, failure);
    const a = determineResponsibility(contextAfter, failure);
    if (!b.ok || !a.ok || verdict(b.value) === verdict(a.value)) return [];
    return [{ failure, before: b.value, after: a.value }];
  });
  return ok({
    scenario,
    route: hypothetical.value.route,
    townships,
    departments,
    changedDeterminations,
    before,
    after,
  });
}
