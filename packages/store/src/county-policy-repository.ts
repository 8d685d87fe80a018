import {
  type CountyPolicy,
  countyPolicyOf,
  type InvalidCountyPolicy,
  type Result,
  validateCountyPolicy,
} from "@dutylist/core";
import { appendChange, type ChangeStamp } from "./change-log.ts";
import type { Database } from "./database.ts";
import { fromJson, toJson } from "./json-columns.ts";
import { type StoreWriteError, storeResult } from "./store-error.ts";

/**
 * A county's policy (政策设定, 非规则): its stored settings over the core's
 * `DEFAULT_COUNTY_POLICY`. A county that set nothing — or has no row — has the defaults.
 * @example (await loadCountyPolicy(db, "QX")).resemblanceThreshold // "0.6"
 */
export async function loadCountyPolicy(db: Database, countyCode: string): Promise<CountyPolicy> {
  const row = await db.prisma.countyPolicy.findUnique({ where: { countyId: countyCode } });
  return countyPolicyOf(row === null ? {} : fromJson<Partial<CountyPolicy>>(row.settings));
}

/**
 * Stores the settings a county changed (a partial policy; the rest stay the defaults), after
 * `validateCountyPolicy` of the policy they make, and appends the change to the county's change
 * log (`stamp`; written ids: the county's code) in the same transaction. Replaces what the
 * county set before. A policy refused writes nothing and logs nothing.
 * @example await saveCountyPolicy(db, "QX", { quotaTies: "ALL" }, stamp) // ok(policy)
 */
export async function saveCountyPolicy(
  db: Database,
  countyCode: string,
  settings: Partial<CountyPolicy>,
  stamp: ChangeStamp,
): Promise<Result<CountyPolicy, InvalidCountyPolicy | StoreWriteError>> {
  const checked = validateCountyPolicy(countyPolicyOf(settings));
  if (!checked.ok) return checked;
  const saved = await storeResult(
    "county_policy",
    db.prisma.$transaction(async (tx) => {
      await tx.countyPolicy.upsert({
        where: { countyId: countyCode },
        create: { countyId: countyCode, settings: toJson(settings) },
        update: { settings: toJson(settings), updatedAt: new Date() },
      });
      await appendChange(tx, countyCode, stamp, [countyCode]);
    }),
  );
  return saved.ok ? checked : saved;
}
