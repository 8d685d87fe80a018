import {
  type AssessmentReport,
  assess,
  buildListIndex,
  determinedPushDowns,
  type RoundingOptions,
  roundForPresentation,
} from "@dutylist/core";
import { loadAssessmentPlan, loadAssessmentRecords } from "./assessment-repository.ts";
import { loadCountyPolicy } from "./county-policy-repository.ts";
import { listCounties, loadCountyDataset } from "./county-repository.ts";
import { countyRevision } from "./county-revision.ts";
import type { Database } from "./database.ts";
import { listDeterminations } from "./determination-repository.ts";
import { tallyPerformanceRecords } from "./maintained-tallies.ts";
import { TRANSACTION } from "./transaction.ts";

// Scores are computed by the core (S1–S10), in TypeScript; BI tools read them in SQL. A snapshot
// stores one computed year as presented — rank, core, collaborative and total score, 等次 — with
// the county's revision it was computed at and the time: the views township_score_fact and
// department_score_fact (migration bi_views) show the latest snapshot, and say whether the county
// was written since (is_current). A snapshot is never edited; a newer one supersedes it.

/** What a snapshot was computed from. */
export interface ScoreSnapshotSource {
  readonly countyCode: string;
  readonly planId: string;
  readonly year: number;
  /** The county's revision read before its data (`countyRevision`). */
  readonly revision: bigint;
  /** The county policy's rounding, as the report presents its figures. */
  readonly rounding: RoundingOptions;
}

/**
 * Stores a computed year as the county's next score snapshot and returns its id (1, 2, 3… per
 * county). Figures are stored as presented (`roundForPresentation`), as the API's reports show them.
 * @example await saveScoreSnapshot(db, report, { countyCode: "QX", planId: plan.id, year: 2025, revision, rounding })
 */
export async function saveScoreSnapshot(
  db: Database,
  report: AssessmentReport,
  source: ScoreSnapshotSource,
): Promise<number> {
  const show = (value: Parameters<typeof roundForPresentation>[0]) =>
    roundForPresentation(value, source.rounding);
  const countyId = source.countyCode;
  return db.prisma.$transaction(async (tx) => {
    const last = await tx.scoreSnapshot.aggregate({ where: { countyId }, _max: { id: true } });
    const snapshotId = (last._max.id ?? 0) + 1;
    await tx.scoreSnapshot.create({
      data: {
        countyId,
        id: snapshotId,
        year: source.year,
        planId: source.planId,
        countyRevision: source.revision,
      },
    });
    await tx.townshipScore.createMany({
      data: report.townships.map((t) => ({
        countyId,
        snapshotId,
        townshipCode: t.assessment.townshipCode,
        townshipName: t.name,
        rank: t.rank,
        coreScore: show(t.assessment.core.score),
        collaborativeScore: show(t.assessment.collaborative.score),
        totalScore: show(t.assessment.total),
        grade: t.grade,
        gradeReason: t.gradeReason,
      })),
    });
    await tx.departmentScore.createMany({
      data: report.departments.map((d) => ({
        countyId,
        snapshotId,
        departmentCode: d.assessment.departmentCode,
        departmentName: d.name,
        rank: d.rank,
        totalScore: show(d.assessment.total),
        grade: d.grade,
        gradeReason: d.gradeReason,
      })),
    });
    return snapshotId;
  }, TRANSACTION);
}

/** A stored snapshot: its id and the revision it was computed at. */
export interface StoredScoreSnapshot {
  readonly snapshotId: number;
  readonly revision: bigint;
}

/**
 * Computes a county's year from everything stored — as the API does for a year without a
 * knowledge date: records tallied by the database (S7, S8), the county's policy, the stored
 * determinations' push-downs (S5) — and stores it as a snapshot. Null when the county or the
 * year's plan is not stored.
 * @example await snapshotScores(db, "QX", 2025) // { snapshotId: 1, revision: 42n }
 */
export async function snapshotScores(
  db: Database,
  countyCode: string,
  year: number,
): Promise<StoredScoreSnapshot | null> {
  // Read first: a write while computing leaves the snapshot behind the county (is_current false).
  const revision = await countyRevision(db, countyCode);
  const [dataset, plan, policy] = await Promise.all([
    loadCountyDataset(db, countyCode),
    loadAssessmentPlan(db, countyCode, year),
    loadCountyPolicy(db, countyCode),
  ]);
  if (dataset === null || plan === null) return null;
  const [records, tallies, determinations] = await Promise.all([
    loadAssessmentRecords(db, countyCode, year, { performance: false }),
    tallyPerformanceRecords(db, countyCode, { plan, lists: "STORED", knownOn: null }),
    listDeterminations(db, countyCode),
  ]);
  const report = assess(plan, dataset, records, {
    index: buildListIndex(dataset.entries),
    policy,
    determinedPushDowns: determinedPushDowns(determinations),
    tallies,
  });
  const snapshotId = await saveScoreSnapshot(db, report, {
    countyCode,
    planId: plan.id,
    year,
    revision,
    rounding: policy.rounding,
  });
  return { snapshotId, revision };
}

/**
 * Brings every county's stored years up to date: a year whose latest snapshot was computed at an
 * older revision than the county's (or that has none) is computed and stored again. Returns the
 * snapshots stored.
 * @example const stored = await refreshScoreSnapshots(db) // at start, then now and then
 */
export async function refreshScoreSnapshots(db: Database): Promise<StoredScoreSnapshot[]> {
  const stored: StoredScoreSnapshot[] = [];
  for (const county of await listCounties(db)) {
    const revision = await countyRevision(db, county.code);
    const plans = await db.prisma.assessmentPlan.findMany({
      where: { countyId: county.code },
      select: { year: true },
      orderBy: { year: "asc" },
    });
    for (const { year } of plans) {
      const latest = await db.prisma.scoreSnapshot.findFirst({
        where: { countyId: county.code, year },
        orderBy: { id: "desc" },
        select: { countyRevision: true },
      });
      if (latest !== null && latest.countyRevision === revision) continue;
      const snapshot = await snapshotScores(db, county.code, year);
      if (snapshot !== null) stored.push(snapshot);
    }
  }
  return stored;
}
