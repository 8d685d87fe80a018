import { addDays, type IsoDate } from "../base/calendar-date.ts";
import type { ApprovalLevel } from "../base/domain-error.ts";
import type { ItemContent } from "../county/duty-item.ts";
import type { EntryTerms, InternalAssignment, ListEntry, ListType } from "../lists/list-entry.ts";
import { entryInForce, type ListIndex } from "../lists/list-index.ts";

/** One change of an adjustment (L3). */
export type AdjustmentChange =
  | {
      readonly kind: "ADD";
      readonly townshipCode: string;
      readonly itemCode: string;
      readonly terms: EntryTerms;
      /** Content for an item new to the catalogue, or to list a catalogue item differently. */
      readonly content?: ItemContent;
      readonly assignment?: InternalAssignment | null;
    }
  | { readonly kind: "REMOVE"; readonly townshipCode: string; readonly itemCode: string }
  | {
      readonly kind: "RECLASSIFY";
      readonly townshipCode: string;
      readonly itemCode: string;
      /** The new type with its parties, e.g. a basic item becoming reclaimed to a department. */
      readonly terms: EntryTerms;
      /**
       * Who does it inside the township from now on (L7). By default kept, except that an item
       * reclaimed by a department needs none and drops it.
       */
      readonly assignment?: InternalAssignment | null;
    }
  | {
      readonly kind: "AMEND";
      readonly townshipCode: string;
      readonly itemCode: string;
      /** New parties for the same type (a type change is a RECLASSIFY). */
      readonly terms?: EntryTerms;
      /** New tasks or basis. */
      readonly content?: ItemContent;
      readonly assignment?: InternalAssignment | null;
    };

export type AdjustmentChangeKind = AdjustmentChange["kind"];

/** What set the adjustment off (调整依据), with the document that proves it. */
export type TriggerKind =
  /** 法律法规立改废释 */
  | "LAW_CHANGE"
  /** 中央和省委省政府部署 */
  | "SUPERIOR_DEPLOYMENT"
  /** 乡镇(街道)申请 */
  | "TOWNSHIP_APPLICATION"
  /** 县委、县政府或部门工作需要 */
  | "WORK_NEED";

export interface AdjustmentTrigger {
  readonly kind: TriggerKind;
  /**
   * The document the adjustment rests on, e.g. 《中华人民共和国消防法》(主席令第81号) or
   * 《关于……的通知》(苏办发〔2025〕12号); an application's document number. A department's
   * addition goes the dynamic route only when this names the document and gives its number (L4,
   * `citedDocument`).
   */
  readonly reference: string;
}

/** A document a trigger cites by name (《…》) and number (文号), as L4 asks of a department. */
export interface CitedDocument {
  readonly title: string;
  readonly documentNo: string;
}

const DOCUMENT_TITLE = /《[^《》]+》/u;
// 〔2025〕12号, [2025]12号, (2025)12号, 第81号 — a year in brackets then a serial, or 第…号.
const DOCUMENT_NO = /[〔[(（]\s*\d{4}\s*[〕\])）]\s*第?\s*\d+\s*号|第\s*\d+\s*号/u;

/**
 * The document a trigger's reference cites, when it names it (《…》) and gives its number (文号);
 * `null` otherwise (L4: a department's addition rests on a change of law or a central or
 * provincial document only when it cites one).
 * @example citedDocument("《江苏省消防条例》(省人大常委会公告第12号)") // { title: "《江苏省消防条例》", documentNo: "第12号" }
 */
export function citedDocument(reference: string): CitedDocument | null {
  const title = DOCUMENT_TITLE.exec(reference)?.[0];
  const documentNo = DOCUMENT_NO.exec(reference)?.[0];
  if (title === undefined || documentNo === undefined) return null;
  return { title, documentNo: documentNo.replace(/\s+/gu, "") };
}

/** Who proposed the adjustment. */
export type Proposer =
  | { readonly kind: "COUNTY_PARTY_COMMITTEE" }
  | { readonly kind: "COUNTY_GOVERNMENT" }
  | { readonly kind: "DEPARTMENT"; readonly departmentCode: string }
  | { readonly kind: "TOWNSHIP"; readonly townshipCode: string };

/** Who signed an approval: the approving user as their token named them. */
export interface ApprovalSigner {
  /** The identity provider's id of the user (the token's `sub`). */
  readonly subject: string;
  readonly name: string;
  /** The role they approved in, e.g. PROVINCIAL_APPROVER for a provincial approval. */
  readonly role: string;
}

/** An approval on the record (审批记录). */
export interface Approval {
  readonly level: ApprovalLevel;
  /** e.g. 县委机构编制委员会, 省委机构编制委员会办公室 */
  readonly authority: string;
  /**
   * Who gave it, when it was given through the API (signed in; its authority is then the
   * signer's name). Absent on approvals imported from a workbook or recorded before signing.
   */
  readonly signedBy?: ApprovalSigner;
  readonly approvedOn: IsoDate;
  readonly documentNo: string | null;
  /** Knowledge time (L2): the date the engine recorded the approval. */
  readonly recordedOn: IsoDate;
}

export interface AdjustmentPublication {
  readonly publishedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  /** Knowledge time (L2): the date the engine recorded the publication. */
  readonly recordedOn: IsoDate;
}

/** A proposed, approved or published adjustment of a county's lists (L3). */
export interface Adjustment {
  readonly id: string;
  readonly countyCode: string;
  readonly title: string;
  readonly reason: string;
  readonly trigger: AdjustmentTrigger;
  readonly proposer: Proposer;
  readonly proposedOn: IsoDate;
  /** Knowledge time (L2): the date the engine recorded the proposal. */
  readonly recordedOn: IsoDate;
  readonly changes: readonly AdjustmentChange[];
  readonly approvals: readonly Approval[];
  readonly publication: AdjustmentPublication | null;
}

/** The two routes of L4. */
export type AdjustmentRouteKind = "ACCESS" | "DYNAMIC";

export interface AdjustmentRoute {
  readonly route: AdjustmentRouteKind;
  readonly requiredApprovals: readonly ApprovalLevel[];
  /** Indexes of the changes that add duties to a township. */
  readonly dutyAddingChanges: readonly number[];
  /** Why this route, in Chinese, citing L4. */
  readonly reason: string;
}

// Towards the township means up this scale (a reclaimed item becoming cooperative, a
// cooperative one becoming basic).
const TOWNSHIP_WEIGHT: Readonly<Record<ListType, number>> = { RECLAIMED: 0, COOPERATIVE: 1, BASIC: 2 };

function addsNewLines(before: readonly string[], after: readonly string[]): boolean {
  const known = new Set(before.map((line) => line.trim()));
  return after.some((line) => !known.has(line.trim()));
}

/**
 * Whether a change adds duties to the township (L4): a new basic or cooperative item, a
 * reclassification towards the township, or an amendment that adds tasks to a basic item or
 * cooperation content to a cooperative one (so duties cannot slip in as "amendments", L6).
 * @example changeAddsDuties({ kind: "RECLASSIFY", townshipCode, itemCode, terms: { type: "BASIC" } }, cooperativeEntry) // true
 */
export function changeAddsDuties(change: AdjustmentChange, current: ListEntry | null): boolean {
  switch (change.kind) {
    case "ADD":
      return change.terms.type !== "RECLAIMED";
    case "REMOVE":
      return false;
    case "RECLASSIFY":
      return TOWNSHIP_WEIGHT[change.terms.type] > TOWNSHIP_WEIGHT[current?.terms.type ?? "RECLAIMED"];
    case "AMEND": {
      if (current === null) return false;
      if (current.terms.type === "BASIC" && change.content !== undefined) {
        return addsNewLines(current.content.tasks, change.content.tasks);
      }
      if (current.terms.type === "COOPERATIVE" && change.terms?.type === "COOPERATIVE") {
        return addsNewLines(current.terms.cooperationContent, change.terms.cooperationContent);
      }
      return false;
    }
  }
}

/**
 * Derives the approval route of an adjustment from what it does and who proposed it (L4, 002).
 * The proposer decides, not the label. An adjustment that adds no duty to a township is dynamic.
 * One that adds duties is access (职责准入: county and provincial approval) when the county party
 * committee or government proposes it (凡由市县两级党委政府交办或县级以上部门动议增加清单职责事项的),
 * or a department does — unless the department's rests on a change of law or a central or
 * provincial deployment and cites the document by name and number (`citedDocument`); a township's
 * own application for itself is dynamic (动态调整: county approval only), and a department cannot
 * make its proposal one by its label. `on` is the date whose lists the changes are compared with
 * (the effective date, or the proposal date before publication).
 * @example deriveAdjustmentRoute(adjustment, index, isoDate("2025-07-01")).route // "ACCESS"
 */
export function deriveAdjustmentRoute(
  adjustment: Pick<Adjustment, "changes" | "trigger" | "proposer">,
  index: ListIndex,
  on: IsoDate,
): AdjustmentRoute {
  const dutyAddingChanges = adjustment.changes.flatMap((change, i) =>
    changeAddsDuties(change, entryInForce(index, change.townshipCode, change.itemCode, on)) ? [i] : [],
  );
  const dynamic = (reason: string): AdjustmentRoute => ({
    route: "DYNAMIC",
    requiredApprovals: ["COUNTY"],
    dutyAddingChanges,
    reason: `${reason},属动态调整,报县级审批(规则L4)`,
  });
  const access = (reason: string): AdjustmentRoute => ({
    route: "ACCESS",
    requiredApprovals: ["COUNTY", "PROVINCE"],
    dutyAddingChanges,
    reason: `${reason},向乡镇(街道)增加职责(第${dutyAddingChanges.map((i) => i + 1).join("、")}项变更),属职责准入,须经县级和省级审批(规则L4)`,
  });
  if (dutyAddingChanges.length === 0) return dynamic("调整未增加乡镇(街道)职责");
  const { proposer, trigger } = adjustment;
  switch (proposer.kind) {
    case "TOWNSHIP": {
      const own = dutyAddingChanges.every(
        (i) => adjustment.changes[i]?.townshipCode === proposer.townshipCode,
      );
      return own
        ? dynamic("由乡镇(街道)自主申请增加本乡镇职责")
        : access("由乡镇(街道)提出为其他乡镇(街道)增加职责,不属本乡镇自主申请");
    }
    case "COUNTY_PARTY_COMMITTEE":
    case "COUNTY_GOVERNMENT":
      return access("由县级党委政府交办");
    case "DEPARTMENT":
      return departmentRoute(trigger, dynamic, access);
  }
}

/** L4 for a department's addition: dynamic only on a cited change of law or superior document. */
function departmentRoute(
  trigger: AdjustmentTrigger,
  dynamic: (reason: string) => AdjustmentRoute,
  access: (reason: string) => AdjustmentRoute,
): AdjustmentRoute {
  const cited = citedDocument(trigger.reference);
  switch (trigger.kind) {
    case "LAW_CHANGE":
    case "SUPERIOR_DEPLOYMENT": {
      const why = trigger.kind === "LAW_CHANGE" ? "因法律法规立改废释" : "因中央和省级部署";
      return cited === null
        ? access(`由部门动议,所称${why}未载明依据文件的名称和文号`)
        : dynamic(`${why}(${cited.title} ${cited.documentNo})而调整`);
    }
    case "TOWNSHIP_APPLICATION":
      return access("由部门动议,部门提出的调整不因标注为乡镇(街道)申请而属乡镇自主申请");
    case "WORK_NEED":
      return access("由部门动议");
  }
}

export type AdjustmentStatus = "PROPOSED" | "APPROVED" | "PUBLISHED";

/**
 * PUBLISHED once published; APPROVED when every approval the route requires is on record.
 * @example adjustmentStatus(adjustment, deriveAdjustmentRoute(adjustment, index, date)) // "APPROVED"
 */
export function adjustmentStatus(adjustment: Adjustment, route: AdjustmentRoute): AdjustmentStatus {
  if (adjustment.publication !== null) return "PUBLISHED";
  const levels = new Set(adjustment.approvals.map((a) => a.level));
  return route.requiredApprovals.every((level) => levels.has(level)) ? "APPROVED" : "PROPOSED";
}

/**
 * The route (L4) of an adjustment as recorded: against the lists of its proposal date while
 * pending; once published, against the lists of the day before it took effect — on the effective
 * date the lists already hold what it opened, which would hide what it added.
 * @example adjustmentRouteOfRecord(publishedAccessAdjustment, index).route // "ACCESS"
 */
export function adjustmentRouteOfRecord(adjustment: Adjustment, index: ListIndex): AdjustmentRoute {
  const on =
    adjustment.publication === null
      ? adjustment.proposedOn
      : addDays(adjustment.publication.effectiveFrom, -1);
  return deriveAdjustmentRoute(adjustment, index, on);
}
