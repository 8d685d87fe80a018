// What callers check new records against before writing them: ids already stored (records are
// write-once) and the ratings already given (S6: one per township, department and year).
import type { AssessmentRecords, DepartmentRating } from "@dutylist/core";
import type { Database } from "./database.ts";

type IdRows = Promise<readonly { id: string }[]>;

const STORED_IDS: {
  readonly [K in keyof AssessmentRecords]: (db: Database, countyId: string, ids: string[]) => IdRows;
} = {
  performance: (db, countyId, ids) =>
    db.prisma.performanceRecord.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
  whistles: (db, countyId, ids) =>
    db.prisma.whistleRequest.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
  guarantees: (db, countyId, ids) =>
    db.prisma.guaranteeDelivery.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
  pushDowns: (db, countyId, ids) =>
    db.prisma.pushDownReport.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
  unattended: (db, countyId, ids) =>
    db.prisma.unattendedReport.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
  ratings: (db, countyId, ids) =>
    db.prisma.departmentRating.findMany({ where: { countyId, id: { in: ids } }, select: { id: true } }),
};

/**
 * Which of `ids` the county already holds among records of `kind`.
 * @example await storedRecordIds(db, "QX", "whistles", ["W-1", "W-2"]) // Set { "W-1" }
 */
export async function storedRecordIds(
  db: Database,
  countyCode: string,
  kind: keyof AssessmentRecords,
  ids: readonly string[],
): Promise<ReadonlySet<string>> {
  if (ids.length === 0) return new Set();
  const rows = await STORED_IDS[kind](db, countyCode, [...ids]);
  return new Set(rows.map((r) => r.id));
}

/**
 * The ratings the county holds for `years`: id, year, township and department (for S6's check,
 * `repeatedRatings` in the core).
 * @example await storedRatingPairs(db, "QX", [2025])
 */
export async function storedRatingPairs(
  db: Database,
  countyCode: string,
  years: readonly number[],
): Promise<Pick<DepartmentRating, "id" | "year" | "townshipCode" | "departmentCode">[]> {
  if (years.length === 0) return [];
  return db.prisma.departmentRating.findMany({
    where: { countyId: countyCode, year: { in: [...years] } },
    select: { id: true, year: true, townshipCode: true, departmentCode: true },
  });
}
