import { demoCounty } from "@dutylist/core/testing";
import { countyExists, type Database, saveCountyDataset } from "@dutylist/store";

/** Loads the demo county 青溪县 unless it is already stored (a second start duplicates nothing). */
export async function ensureDemoCounty(db: Database): Promise<boolean> {
  const dataset = demoCounty();
  if (await countyExists(db, dataset.county.code)) return false;
  await saveCountyDataset(db, dataset);
  return true;
}
