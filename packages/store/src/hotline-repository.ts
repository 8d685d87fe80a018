// H1: the hotline's stored data — vocabulary and corrections (phrases), the gazetteer, work orders
// with the machine's dispatch and the corrections beside it. Everything is appended, never edited,
// and every write appends to the county's change log.

import type { Dispatch, IsoDate, Result } from "@dutylist/core";
import { fromDateColumn, toDateColumn } from "./calendar-columns.ts";
import { appendChange, type ChangeStamp, counted } from "./change-log.ts";
import type { Database } from "./database.ts";
import { fromJson, toJson } from "./json-columns.ts";
import { StoreFailure, type StoreWriteError, step, storeResult } from "./store-error.ts";
import { TRANSACTION, type Tx } from "./transaction.ts";

/** A phrase as the matcher reads it (`@dutylist/hotline`'s HotlinePhrase). */
export interface StoredPhrase {
  readonly countyCode: string;
  readonly itemCode: string | null;
  readonly phrase: string;
  readonly source: "VOCABULARY" | "CORRECTION" | "CONFIRMED";
}

export interface StoredPlace {
  readonly countyCode: string;
  readonly name: string;
  readonly townshipCode: string;
}

/** A received order with the machine's dispatch, as stored. */
export interface StoredWorkOrder {
  readonly countyCode: string;
  readonly id: string;
  readonly townshipCode: string | null;
  readonly address: string | null;
  readonly receivedOn: IsoDate;
  readonly channel: string;
  readonly text: string;
  readonly dispatch: Dispatch;
  readonly candidates: readonly { readonly itemCode: string; readonly score: number }[];
}

/** A county's vocabulary, corrections and gazetteer, in the order recorded. */
export async function loadHotlineData(
  db: Database,
  countyCode: string,
): Promise<{ phrases: StoredPhrase[]; places: StoredPlace[] }> {
  const [phrases, places] = await Promise.all([
    db.prisma.hotlinePhrase.findMany({ where: { countyId: countyCode }, orderBy: { id: "asc" } }),
    db.prisma.hotlinePlace.findMany({ where: { countyId: countyCode }, orderBy: { name: "asc" } }),
  ]);
  return {
    phrases: phrases.map((p) => ({
      countyCode,
      itemCode: p.itemCode,
      phrase: p.phrase,
      source: p.source as StoredPhrase["source"],
    })),
    places: places.map((p) => ({ countyCode, name: p.name, townshipCode: p.townshipCode })),
  };
}

async function nextPhraseId(tx: Tx, countyCode: string): Promise<number> {
  const last = await tx.hotlinePhrase.findFirst({
    where: { countyId: countyCode },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return (last?.id ?? 0) + 1;
}

/**
 * Appends vocabulary phrases and gazetteer places (a place already named is kept as it was).
 * All or nothing, one change-log row.
 */
export async function saveHotlineData(
  db: Database,
  countyCode: string,
  data: { readonly phrases: readonly StoredPhrase[]; readonly places: readonly StoredPlace[] },
  stamp: ChangeStamp,
): Promise<Result<{ phrases: number; places: number }, StoreWriteError>> {
  return storeResult(
    "hotline_phrase",
    db.prisma.$transaction(async (tx) => {
      await appendChange(tx, countyCode, stamp, [
        ...counted("phrases", data.phrases.length),
        ...counted("places", data.places.length),
      ]);
      const first = await nextPhraseId(tx, countyCode);
      await step("hotline_phrase", () =>
        tx.hotlinePhrase.createMany({
          data: data.phrases.map((p, i) => ({
            countyId: countyCode,
            id: first + i,
            itemCode: p.itemCode,
            phrase: p.phrase,
            source: p.source,
          })),
        }),
      );
      const places = await step("hotline_place", () =>
        tx.hotlinePlace.createMany({
          data: data.places.map((p) => ({
            countyId: countyCode,
            name: p.name,
            townshipCode: p.townshipCode,
          })),
          skipDuplicates: true,
        }),
      );
      return { phrases: data.phrases.length, places: places.count };
    }, TRANSACTION),
  );
}

function dispatchColumns(d: Dispatch) {
  const handler = d.handlers[0];
  return {
    unassigned: d.unassigned,
    itemCode: d.itemCode,
    listType: d.listType,
    handlerKind: handler?.kind ?? "DESK",
    handlerCode: handler?.code ?? "",
    dispatch: toJson(d),
  };
}

/**
 * Stores received work orders with the machine's dispatch (H1). A repeated id refuses the whole
 * batch: nothing is written.
 */
export async function saveWorkOrders(
  db: Database,
  countyCode: string,
  orders: readonly StoredWorkOrder[],
  stamp: ChangeStamp,
): Promise<Result<number, StoreWriteError>> {
  return storeResult(
    "work_order",
    db.prisma.$transaction(async (tx) => {
      await step("work_order", () =>
        tx.workOrder.createMany({
          data: orders.map((o) => ({
            countyId: countyCode,
            id: o.id,
            townshipCode: o.townshipCode,
            address: o.address,
            receivedOn: toDateColumn(o.receivedOn),
            channel: o.channel,
            text: o.text,
            unassignedReason: o.dispatch.unassignedReason,
            candidates: toJson(o.candidates),
            ...dispatchColumns(o.dispatch),
          })),
        }),
      );
      await appendChange(
        tx,
        countyCode,
        stamp,
        orders.length <= 100 ? orders.map((o) => o.id) : counted("workOrders", orders.length),
      );
      return orders.length;
    }, TRANSACTION),
  );
}

/** A stored order, with its latest correction's dispatch when corrected. */
export async function loadWorkOrder(
  db: Database,
  countyCode: string,
  id: string,
): Promise<(StoredWorkOrder & { readonly corrected: Dispatch | null }) | null> {
  const row = await db.prisma.workOrder.findUnique({ where: { countyId_id: { countyId: countyCode, id } } });
  if (row === null) return null;
  const last = await db.prisma.workOrderCorrection.findFirst({
    where: { countyId: countyCode, workOrderId: id },
    orderBy: { seq: "desc" },
  });
  return {
    countyCode,
    id,
    townshipCode: row.townshipCode,
    address: row.address,
    receivedOn: fromDateColumn(row.receivedOn),
    channel: row.channel,
    text: row.text,
    dispatch: fromJson<Dispatch>(row.dispatch),
    candidates: fromJson<StoredWorkOrder["candidates"]>(row.candidates),
    corrected: last === null ? null : fromJson<Dispatch>(last.dispatch),
  };
}

/**
 * H1: an operator's correction, stored beside the machine's dispatch (never over it), and the
 * order's text kept as a phrase of the corrected item so later matching learns from it.
 */
export async function correctWorkOrder(
  db: Database,
  countyCode: string,
  workOrderId: string,
  corrected: Dispatch,
  note: string | null,
  stamp: ChangeStamp,
): Promise<Result<number, StoreWriteError>> {
  return storeResult(
    "work_order_correction",
    db.prisma.$transaction(async (tx) => {
      await appendChange(tx, countyCode, stamp, [workOrderId]);
      const order = await tx.workOrder.findUnique({
        where: { countyId_id: { countyId: countyCode, id: workOrderId } },
        select: { text: true },
      });
      if (order === null)
        throw new StoreFailure({
          _tag: "STORE_NOT_FOUND",
          target: "work_order",
          message: `工单 ${workOrderId} 不存在`,
        });
      const last = await tx.workOrderCorrection.findFirst({
        where: { countyId: countyCode, workOrderId },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      const seq = (last?.seq ?? 0) + 1;
      await tx.workOrderCorrection.create({
        data: {
          countyId: countyCode,
          workOrderId,
          seq,
          note,
          actorSubject: stamp.actor.subject,
          ...dispatchColumns(corrected),
        },
      });
      await tx.hotlinePhrase.create({
        data: {
          countyId: countyCode,
          id: await nextPhraseId(tx, countyCode),
          itemCode: corrected.itemCode,
          phrase: order.text,
          source: "CORRECTION",
          workOrderId,
        },
      });
      return seq;
    }, TRANSACTION),
  );
}
