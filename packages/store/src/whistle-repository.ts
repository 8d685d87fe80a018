// H2: the whistle loop as stored — the raise (whistle_request, with the matter) and its steps
// (whistle_event), appended under the county's lock and checked by the core before they are.

import {
  checkWhistleStep,
  err,
  type IsoDate,
  type Result,
  type WhistleEvent,
  type WhistleRequest,
  type WhistleStep,
  type WhistleStepProblem,
} from "@dutylist/core";
import { fromDateColumn, toDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp } from "./change-log.ts";
import type { Database } from "./database.ts";
import { whistleOf } from "./record-columns.ts";
import { StoreFailure, type StoreWriteError, step, storeResult } from "./store-error.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

/** A whistle with what the township said it is about. */
export type RaisedWhistle = WhistleRequest & { readonly matter: string | null };

/** Stores a raised whistle (H2); a repeated id is refused. */
export async function raiseWhistle(
  db: Database,
  countyCode: string,
  w: RaisedWhistle,
  stamp: ChangeStamp,
): Promise<Result<RaisedWhistle, StoreWriteError>> {
  return storeResult(
    "whistle_request",
    db.prisma.$transaction(async (tx) => {
      await step("whistle_request", () =>
        tx.whistleRequest.create({
          data: {
            countyId: countyCode,
            id: w.id,
            townshipCode: w.townshipCode,
            departmentCode: w.departmentCode,
            itemCode: w.itemCode,
            raisedOn: toDateColumn(w.raisedOn),
            timeLimitDays: w.timeLimitDays,
            answeredOn: null,
            matter: w.matter,
          },
        }),
      );
      await appendChange(tx, countyCode, stamp, [w.id]);
      return w;
    }, TRANSACTION),
  );
}

function eventOf(
  countyCode: string,
  e: {
    whistleId: string;
    seq: number;
    step: string;
    on: Date;
    note: string | null;
    recordedOn: Date;
  },
): WhistleEvent {
  return {
    whistleId: e.whistleId,
    countyCode,
    seq: e.seq,
    step: e.step as WhistleStep,
    on: fromDateColumn(e.on),
    note: e.note,
    recordedOn: fromDateColumn(e.recordedOn),
  };
}

async function whistleIn(tx: Tx, countyCode: string, id: string) {
  const row = await tx.whistleRequest.findUnique({ where: { countyId_id: { countyId: countyCode, id } } });
  if (row === null)
    throw new StoreFailure({
      _tag: "STORE_NOT_FOUND",
      target: "whistle_request",
      message: `吹哨 ${id} 不存在`,
    });
  const events = await tx.whistleEvent.findMany({
    where: { countyId: countyCode, whistleId: id },
    orderBy: { seq: "asc" },
  });
  return { whistle: whistleOf(countyCode, row), events: events.map((e) => eventOf(countyCode, e)) };
}

class StepRefused extends Error {
  constructor(readonly problem: WhistleStepProblem) {
    super(problem.message);
  }
}

/**
 * H2: appends a step (报到, 办结, 确认办结, 退回重办) to a whistle, under the county's lock, after
 * the core's check against the steps before it; a step that may not follow is refused and nothing
 * is written. Returns the whistle and all its events.
 */
export async function appendWhistleStep(
  db: Database,
  countyCode: string,
  whistleId: string,
  taken: { readonly step: WhistleStep; readonly on: IsoDate; readonly note: string | null },
  stamp: ChangeStamp,
): Promise<
  Result<{ whistle: WhistleRequest; events: WhistleEvent[] }, StoreWriteError | WhistleStepProblem>
> {
  try {
    return await storeResult(
      "whistle_event",
      db.prisma.$transaction(async (tx) => {
        await appendChange(tx, countyCode, stamp, [`${whistleId}#${taken.step}`]);
        const { whistle, events } = await whistleIn(tx, countyCode, whistleId);
        const problem = checkWhistleStep(whistle, events, taken.step, taken.on);
        if (problem !== null) throw new StepRefused(problem);
        const row = await tx.whistleEvent.create({
          data: {
            countyId: countyCode,
            whistleId,
            seq: events.length + 1,
            step: taken.step,
            on: toDateColumn(taken.on),
            note: taken.note,
            actorSubject: stamp.actor.subject,
          },
        });
        return { whistle, events: [...events, eventOf(countyCode, row)] };
      }, TRANSACTION),
    );
  } catch (error) {
    if (error instanceof StepRefused) return err(error.problem);
    throw error;
  }
}

/** A county's whistles raised in `[from, to)` with all their events (H2 figures). */
export async function loadWhistleLoop(
  db: Database,
  countyCode: string,
  from: IsoDate,
  to: IsoDate,
): Promise<{ whistles: RaisedWhistle[]; events: WhistleEvent[] }> {
  const rows = await db.prisma.whistleRequest.findMany({
    where: { countyId: countyCode, raisedOn: { gte: toDateColumn(from), lt: toDateColumn(to) } },
    orderBy: { id: "asc" },
  });
  const events = await db.prisma.whistleEvent.findMany({
    where: { countyId: countyCode, whistleId: { in: rows.map((r) => r.id) } },
    orderBy: [{ whistleId: "asc" }, { seq: "asc" }],
  });
  return {
    whistles: rows.map((r) => ({ ...whistleOf(countyCode, r), matter: r.matter })),
    events: events.map((e) => eventOf(countyCode, e)),
  };
}
