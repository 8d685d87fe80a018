import { describe, expect, it } from "vitest";
import { type AssessmentReport, assess } from "./assessment/assessment-report.ts";
import type { IndicatorResult } from "./assessment/assessment-scoring.ts";
import type { ExcludedRecord } from "./assessment/record-judgement.ts";
import { addDays, type IsoDate, isoDate } from "./base/calendar-date.ts";
import { canonicalJson, sha256Hex } from "./base/sha256.ts";
import type { CountyDataset } from "./county/county-dataset.ts";
import { prepareDeterminations } from "./engine/determination-context.ts";
import { GOLDEN_DIGESTS } from "./golden-digests.ts";
import type { FailureCase, Findings } from "./responsibility/failure-case.ts";
import { determineResponsibility } from "./responsibility/responsibility.ts";
import {
  DEMO_CASES,
  demoAssessmentPlan,
  demoCounty,
  generateCounty,
  generateRecords,
  syntheticPlan,
} from "./testing/index.ts";

// Golden comparison: the determinations (decision ids included) and assessments of the demo
// county and of a generated county with list history, reduced to digests kept in
// `golden-digests.ts`. A restructure must leave every digest unchanged; a rule change updates
// them on purpose (copy the digests the failing test prints), and its commit says why.

const FINDINGS: readonly Findings[] = [
  {},
  { townshipAtFault: true },
  { townshipAtFault: true, withinCooperationContent: true },
  { townshipAtFault: true, withinCooperationContent: true, guaranteesDelivered: false },
  { townshipAtFault: false, withinCooperationContent: false },
  { townshipRefusedCooperation: true },
  { townshipRefusedCooperation: true, withinCooperationContent: true },
  { receivingDepartmentTookOver: false, territorialClaim: true },
  { falsifiedBy: [{ kind: "TOWNSHIP", code: "" }] },
];

/** Questions over every township, item and month (and each adjustment's effective day). */
function questions(dataset: CountyDataset, stride: number): FailureCase[] {
  const dates = new Set<IsoDate>();
  for (let month = 1; month <= 12; month++) dates.add(isoDate(`2025-${String(month).padStart(2, "0")}-15`));
  for (const a of dataset.adjustments)
    if (a.publication !== null) {
      dates.add(a.publication.effectiveFrom);
      dates.add(addDays(a.publication.effectiveFrom, -1));
    }
  const items = dataset.items.map((i) => i.code).sort();
  const departments = dataset.departments.map((d) => d.code).sort();
  const tasks = dataset.temporaryTasks.map((t) => t.id).sort();
  const out: FailureCase[] = [];
  let n = 0;
  for (const township of dataset.townships.map((t) => t.code).sort())
    for (const date of [...dates].sort())
      for (const itemCode of items) {
        n++;
        if (n % stride !== 0) continue;
        const base = FINDINGS[n % FINDINGS.length] ?? {};
        const findings: Findings =
          base.falsifiedBy === undefined ? base : { falsifiedBy: [{ kind: "TOWNSHIP", code: township }] };
        out.push({ townshipCode: township, date, subject: { kind: "ITEM", itemCode }, findings });
        if (n % (stride * 7) === 0)
          out.push({
            townshipCode: township,
            date,
            subject: { kind: "MATTER", description: `清单外事项 ${n}` },
            findings: {
              pushedDownBy: departments[n % Math.max(1, departments.length)] ?? "",
              ...(tasks.length > 0 && n % 2 === 0 ? { temporaryTaskId: tasks[n % tasks.length] ?? "" } : {}),
            },
          });
      }
  return out;
}

function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** An indicator's result without the objects behind it: its figures and its records by id. */
function indicatorFacts(r: IndicatorResult) {
  return {
    indicator: r.indicator.code,
    applicable: r.applicable,
    points: r.points.toString(),
    score: r.score.toString(),
    working: r.working,
    records: r.records.map((i) => [i.record.id, i.entry.id]),
  };
}

function excludedFacts(excluded: readonly ExcludedRecord[]) {
  return excluded.map((e) => [e.record.id, e.reason, e.ruleId, e.message]);
}

/** The assessment as presented (ranks, grades, summaries) and every exact figure behind it. */
function assessmentDigest(report: AssessmentReport): string {
  return digestOf({
    townships: report.townships.map((t) =>
      digestOf({
        code: t.assessment.townshipCode,
        rank: t.rank,
        grade: t.grade,
        gradeReason: t.gradeReason,
        summary: t.summary,
        total: t.assessment.total.toString(),
        tracks: [t.assessment.core, t.assessment.collaborative].map((track) => ({
          ...track,
          score: track.score.toString(),
          raw: track.raw.toString(),
          applicablePoints: track.applicablePoints.toString(),
          planPoints: track.planPoints.toString(),
        })),
        indicators: t.assessment.indicators.map(indicatorFacts),
        excluded: excludedFacts(t.assessment.excluded),
      }),
    ),
    departments: report.departments.map((d) =>
      digestOf({
        code: d.assessment.departmentCode,
        rank: d.rank,
        grade: d.grade,
        gradeReason: d.gradeReason,
        summary: d.summary,
        figures: [d.assessment.total, d.assessment.raw, d.assessment.applicablePoints].map(String),
        indicators: d.assessment.indicators.map(indicatorFacts),
        excluded: excludedFacts(d.assessment.excluded),
      }),
    ),
    excluded: digestOf(excludedFacts(report.scored.excluded)),
  });
}

/** One digest per determination (whole, decision id included), folded into one. */
function determinations(dataset: CountyDataset, failures: readonly FailureCase[]): string {
  const context = prepareDeterminations(dataset);
  return digestOf(failures.map((failure) => digestOf(determineResponsibility(context, failure))));
}

function goldenDigests(): Record<string, string> {
  const demo = demoCounty();
  const demoPlan = demoAssessmentPlan();
  const generated = generateCounty({ seed: 7, townships: 12, adjustments: 25, temporaryTasks: 8 });
  const generatedPlan = syntheticPlan(generated, 2025);
  const demoDeterminations = determinations(
    demo,
    DEMO_CASES.map((c) => c.failure),
  );
  return {
    "demo: the demo's cases, whole determinations": demoDeterminations,
    "demo: grid of determinations": determinations(demo, questions(demo, 1)),
    "demo: 2025 assessment": assessmentDigest(
      assess(demoPlan, demo, generateRecords(demoPlan, demo, { seed: 2025 })),
    ),
    "generated: grid of determinations": determinations(generated, questions(generated, 23)),
    "generated: 2025 assessment": assessmentDigest(
      assess(generatedPlan, generated, generateRecords(generatedPlan, generated, { seed: 11 })),
    ),
  };
}

describe("golden comparison", () => {
  it("A1–A11, S2–S9: determinations, decision ids and assessments of the demo and a generated county are unchanged", () => {
    expect(goldenDigests()).toEqual(GOLDEN_DIGESTS);
  }, 120_000);
});
