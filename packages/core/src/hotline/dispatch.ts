// H1: a 12345 work order, once matched to an item, is dispatched by that item's list type in the
// township on the day it was received — the same lists, and the same entry in force (A9), that
// assessment and accountability read.

import type { IsoDate } from "../base/calendar-date.ts";
import type { NoListRecorded } from "../base/domain-error.ts";
import { err, ok, type Result } from "../base/result.ts";
import type { County } from "../county/county.ts";
import type { CountyDirectory } from "../county/county-dataset.ts";
import type { LegalCitation } from "../county/duty-item.ts";
import { noListRecorded } from "../lists/list-coverage.ts";
import { LIST_TYPE_NAMES, type ListEntry, type ListType } from "../lists/list-entry.ts";
import { entryInForce, type ListIndex, type ListVersion, listVersionAsOf } from "../lists/list-index.ts";
import { partyName } from "../responsibility/responsibility-text.ts";

/**
 * Who a dispatch names: a township, a county department, or the county's dispatch desk (统一
 * 派单席), which holds what the lists give to nobody.
 */
export interface DispatchParty {
  readonly kind: "TOWNSHIP" | "DEPARTMENT" | "DESK";
  readonly code: string;
  readonly name: string;
}

/** Why an order was left at the dispatch desk (A11): nothing matched, or the match is not on this township's lists that day. */
export type UnassignedReason = "NO_MATCH" | "NOT_ON_LISTS";

/**
 * A dispatch by the lists (H1): the handler(s), who assists or only reports, the item's basis and
 * the entry and list version it rests on, and one Chinese sentence of why.
 */
export interface Dispatch {
  readonly unassigned: boolean;
  readonly unassignedReason: UnassignedReason | null;
  readonly itemCode: string | null;
  readonly itemName: string | null;
  readonly listType: ListType | null;
  /** The entry in force that decided it (A9), and the township's list version that day. */
  readonly entryId: string | null;
  readonly listVersion: ListVersion | null;
  /** Who handles it: the township (basic), the lead department(s) (cooperative), the receiving department (reclaimed), or the desk. */
  readonly handlers: readonly DispatchParty[];
  /** The township assisting within its cooperation content (cooperative items). */
  readonly assisting: readonly DispatchParty[];
  /** What the township does: its cooperation content, or its way of working with the receiving department. */
  readonly townshipPart: readonly string[];
  /** The township that only reports (reclaimed items). */
  readonly reporting: readonly DispatchParty[];
  readonly basis: readonly LegalCitation[];
  readonly ruleIds: readonly string[];
  readonly reason: string;
}

/** The county's dispatch desk, named after the county. */
export function dispatchDesk(county: County): DispatchParty {
  return { kind: "DESK", code: county.code, name: `${county.name}12345热线派单席` };
}

function party(directory: CountyDirectory, kind: "TOWNSHIP" | "DEPARTMENT", code: string): DispatchParty {
  return { kind, code, name: partyName(directory, kind, code) };
}

/** Where an order goes when the lists give it to nobody (A11): the desk, with the reason. */
export function unassignedDispatch(desk: DispatchParty, reason: UnassignedReason, because: string): Dispatch {
  return {
    unassigned: true,
    unassignedReason: reason,
    itemCode: null,
    itemName: null,
    listType: null,
    entryId: null,
    listVersion: null,
    handlers: [desk],
    assisting: [],
    townshipPart: [],
    reporting: [],
    basis: [],
    ruleIds: ["H1", "A11"],
    reason: `${because},按规则A11不默认派给乡镇(街道),留在${desk.name}待人工分派(规则H1)`,
  };
}

function byEntry(entry: ListEntry, directory: CountyDirectory, township: DispatchParty) {
  const terms = entry.terms;
  switch (terms.type) {
    case "BASIC":
      return {
        handlers: [township],
        assisting: [],
        townshipPart: entry.content.tasks,
        reporting: [],
        rule: "A1",
        clause: `由${township.name}办理`,
      };
    case "COOPERATIVE": {
      const leads = terms.leadDepartments.map((code) => party(directory, "DEPARTMENT", code));
      return {
        handlers: leads,
        assisting: [township],
        townshipPart: terms.cooperationContent,
        reporting: [],
        rule: "A2",
        clause: `由牵头部门${leads.map((l) => l.name).join("、")}办理,${township.name}在配合内容(${terms.cooperationContent.join(";")})内协助`,
      };
    }
    case "RECLAIMED": {
      const receiving = party(directory, "DEPARTMENT", terms.receivingDepartment);
      return {
        handlers: [receiving],
        assisting: [],
        townshipPart: terms.wayOfWorking === undefined ? [] : [terms.wayOfWorking],
        reporting: [township],
        rule: "A3",
        clause: `由承接部门${receiving.name}办理,${township.name}仅${terms.wayOfWorking ?? "报告发现的问题"}`,
      };
    }
  }
}

/**
 * H1: dispatches an order matched to `itemCode` by the item's list type in `townshipCode` on
 * `receivedOn` (A9): basic → the township handles it; cooperative → the lead department(s), the
 * township assisting within its cooperation content; reclaimed → the receiving department, the
 * township only reporting. An item not on the township's lists that day goes to the desk (A11).
 * @example dispatchByLists(index, directory, desk, "QX-CG", isoDate("2025-08-01"), "CJ-001").handlers[0]?.code // "ZHZFJ"
 */
export function dispatchByLists(
  index: ListIndex,
  directory: CountyDirectory,
  desk: DispatchParty,
  townshipCode: string,
  receivedOn: IsoDate,
  itemCode: string,
): Dispatch {
  const township = party(directory, "TOWNSHIP", townshipCode);
  const entry = entryInForce(index, townshipCode, itemCode, receivedOn);
  if (entry === null) {
    const name = directory.items.get(itemCode)?.content.name;
    const what = name === undefined ? `事项 ${itemCode}` : `「${name}」(${itemCode})`;
    return unassignedDispatch(
      desk,
      "NOT_ON_LISTS",
      `${what}于${receivedOn}不在${township.name}的履职事项清单内`,
    );
  }
  const parts = byEntry(entry, directory, township);
  return {
    unassigned: false,
    unassignedReason: null,
    itemCode,
    itemName: entry.content.name,
    listType: entry.terms.type,
    entryId: entry.id,
    listVersion: listVersionAsOf(index, townshipCode, receivedOn),
    handlers: parts.handlers,
    assisting: parts.assisting,
    townshipPart: parts.townshipPart,
    reporting: parts.reporting,
    basis: entry.content.basis,
    ruleIds: ["H1", parts.rule],
    reason: `该诉求对应${township.name}${receivedOn}有效的${LIST_TYPE_NAMES[entry.terms.type]}「${entry.content.name}」(${itemCode},自${entry.effectiveFrom}起列入),${parts.clause}(规则H1、${parts.rule})`,
  };
}

/**
 * H1 on the record only (A9): `dispatchByLists`, or `NO_LIST_RECORDED` when the order was
 * received before the township's first recorded list — there were no lists that day to dispatch
 * by, which is not "not on the lists" (the desk's A11).
 * @example recordedDispatchByLists(index, directory, desk, "QX", "QX-CG", isoDate("2024-06-01"), "CJ-001").ok // false
 */
export function recordedDispatchByLists(
  index: ListIndex,
  directory: CountyDirectory,
  desk: DispatchParty,
  countyCode: string,
  townshipCode: string,
  receivedOn: IsoDate,
  itemCode: string,
): Result<Dispatch, NoListRecorded> {
  const name = directory.townships.get(townshipCode)?.name;
  const missing = noListRecorded(index, countyCode, townshipCode, receivedOn, name);
  if (missing !== null) return err(missing);
  return ok(dispatchByLists(index, directory, desk, townshipCode, receivedOn, itemCode));
}
