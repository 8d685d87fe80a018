import { type Actor, recordedAsStated } from "@dutylist/core";
import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import {
  type ChangeStamp,
  countyExists,
  type Database,
  loadAssessmentPlan,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
} from "@dutylist/store";

/** The seed of the demo year's generated records. */
export const DEMO_RECORDS_SEED = 2025;

/** The system actor the demo loader writes as: its rows in the change log name it, not a person. */
export const DEMO_LOADER: Actor = {
  subject: "local:demo-loader",
  name: "示范数据载入程序(系统)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

function demoStamp(operation: string, args: unknown): ChangeStamp {
  return { actor: DEMO_LOADER, operation, arguments: args };
}

/**
 * Loads the demo county 青溪县 unless it is already stored, with its 2025 assessment plan and a
 * year of generated records (seed 2025) unless the plan is stored. A second start duplicates
 * nothing. Returns whether anything was stored.
 */
export async function ensureDemoCounty(db: Database): Promise<boolean> {
  const dataset = demoCounty();
  const code = dataset.county.code;
  const newCounty = !(await countyExists(db, code));
  if (newCounty) await saveCountyDataset(db, dataset, demoStamp("loadDemoCounty", { countyCode: code }));
  const plan = demoAssessmentPlan();
  if ((await loadAssessmentPlan(db, code, plan.year)) !== null) return newCounty;
  // Records first, the plan last: a stored plan means the demo year is complete. Records are
  // generated deterministically, so a conflict means a start interrupted before the plan had
  // already stored these very records.
  const records = await saveAssessmentRecords(
    db,
    code,
    // A past year loaded at once: each record dated as recorded on the day it states (L2).
    recordedAsStated(generateRecords(plan, dataset, { seed: DEMO_RECORDS_SEED })),
    demoStamp("loadDemoRecords", { countyCode: code, year: plan.year, seed: DEMO_RECORDS_SEED }),
  );
  if (!records.ok && records.errors.some((e) => e._tag !== "STORE_CONFLICT"))
    throw new Error(`demo records: ${records.errors.map((e) => e.message).join("; ")}`);
  const saved = await saveAssessmentPlan(
    db,
    plan,
    demoStamp("loadDemoPlan", { countyCode: code, planId: plan.id }),
  );
  if (!saved.ok) throw new Error(`demo plan: ${saved.errors.map((e) => e.message).join("; ")}`);
  return true;
}
