import type { Determination } from "@dutylist/core";
import { toDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp } from "./change-log.ts";
import type { Database } from "./database.ts";
import { fromJson, toJson } from "./json-columns.ts";

/**
 * Stores a failure case with its determination under its decision id, with one row per party
 * for BI, and appends it to the county's change log (`stamp`, written ids: the decision id).
 * Storing the same decision again changes nothing and logs nothing (the id is derived from the
 * question and the list content, so the answer is the same).
 * @example await saveDetermination(db, "QX", determination, stamp) // true when newly stored
 */
export async function saveDetermination(
  db: Database,
  countyCode: string,
  d: Determination,
  stamp: ChangeStamp,
): Promise<boolean> {
  return db.prisma.$transaction(async (tx) => {
    const key = { countyId_decisionId: { countyId: countyCode, decisionId: d.decisionId } };
    if ((await tx.determination.findUnique({ where: key, select: { decisionId: true } })) !== null)
      return false;
    await tx.determination.create({
      data: {
        countyId: countyCode,
        decisionId: d.decisionId,
        townshipCode: d.failure.townshipCode,
        date: toDateColumn(d.failure.date),
        failure: toJson(d.failure),
        listType: d.listType,
        result: toJson(d),
      },
    });
    await tx.determinationParty.createMany({
      data: d.parties.map((p) => ({
        countyId: countyCode,
        decisionId: d.decisionId,
        partyKind: p.party.kind,
        partyCode: p.party.code,
        role: p.role,
        ruleIds: [...p.ruleIds],
        factors: p.factors.map((f) => f.code),
        reason: p.reason,
        explanation: p.explanation,
      })),
    });
    await appendChange(tx, countyCode, stamp, [d.decisionId]);
    return true;
  });
}

/** The stored determinations of a county, newest failure first; optionally of one township. */
export async function listDeterminations(
  db: Database,
  countyCode: string,
  options: {
    readonly townshipCode?: string;
    /** L2: only cases stored before this instant (as known on a day). */
    readonly recordedBefore?: Date;
  } = {},
): Promise<Determination[]> {
  const rows = await db.prisma.determination.findMany({
    where: {
      countyId: countyCode,
      ...(options.townshipCode === undefined ? {} : { townshipCode: options.townshipCode }),
      ...(options.recordedBefore === undefined ? {} : { recordedAt: { lt: options.recordedBefore } }),
    },
    orderBy: [{ date: "desc" }, { decisionId: "asc" }],
  });
  return rows.map((row) => fromJson<Determination>(row.result));
}
