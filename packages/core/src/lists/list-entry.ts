import type { DateInterval, IsoDate } from "../base/calendar-date.ts";
import type { ItemContent } from "../county/duty-item.ts";

/** The three lists (L1). */
export const LIST_TYPES = ["BASIC", "COOPERATIVE", "RECLAIMED"] as const;
export type ListType = (typeof LIST_TYPES)[number];

export const LIST_TYPE_NAMES: Readonly<Record<ListType, string>> = {
  BASIC: "基本履职事项",
  COOPERATIVE: "配合履职事项",
  RECLAIMED: "上级部门收回事项",
};

/** What a lead department provides for a cooperative item (履职保障). */
export const GUARANTEE_KINDS = ["TRAINING", "GUIDANCE", "FUNDING", "EQUIPMENT", "TECHNOLOGY"] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const GUARANTEE_KIND_NAMES: Readonly<Record<GuaranteeKind, string>> = {
  TRAINING: "业务培训",
  GUIDANCE: "工作指导",
  FUNDING: "经费保障",
  EQUIPMENT: "装备保障",
  TECHNOLOGY: "技术支撑",
};

export interface Guarantee {
  readonly kind: GuaranteeKind;
  readonly description: string;
}

/** A basic item: the township must do it and bears full responsibility (必须为、负全责). */
export interface BasicTerms {
  readonly type: "BASIC";
}

/** A cooperative item: a department leads, the township assists within its content (配合为、尽次责). */
export interface CooperativeTerms {
  readonly type: "COOPERATIVE";
  /** 牵头部门: one or more department codes. */
  readonly leadDepartments: readonly string[];
  /** 上级部门职责 */
  readonly departmentDuty: string;
  /** 镇街配合职责 (配合内容): the township's part, the only thing it can be blamed or scored on. */
  readonly cooperationContent: readonly string[];
  /** 履职保障 */
  readonly guarantees: readonly Guarantee[];
}

/** A reclaimed item: taken back by a department (无力为、负不了责). */
export interface ReclaimedTerms {
  readonly type: "RECLAIMED";
  /** 承接部门: the department the item was reclaimed to. */
  readonly receivingDepartment: string;
  /** 工作方式: how the township still works with it, e.g. 发现问题及时报告. */
  readonly wayOfWorking: string;
}

export type EntryTerms = BasicTerms | CooperativeTerms | ReclaimedTerms;

/** Who does an item inside the township (L7): 班子成员领办、业务股室承办、社区(村)协办. */
export interface InternalAssignment {
  readonly leadingPost: string | null;
  readonly office: string | null;
  readonly assistingUnits: readonly string[];
}

/**
 * One item on one township's list with one type for `[effectiveFrom, effectiveTo)` (L1).
 * Entries are never edited in place (L2): an adjustment closes one (sets `effectiveTo` and
 * `closedBy`) and opens another.
 */
export interface ListEntry {
  readonly id: string;
  readonly countyCode: string;
  readonly townshipCode: string;
  readonly itemCode: string;
  readonly terms: EntryTerms;
  /** The item as this entry lists it (amendments replace the content in a new entry). */
  readonly content: ItemContent;
  readonly assignment: InternalAssignment | null;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate | null;
  /** The publication or adjustment that opened the entry. */
  readonly openedBy: string;
  /** The adjustment that closed it, if any. */
  readonly closedBy: string | null;
}

/**
 * The entry's interval as a `DateInterval`.
 * @example entryInterval(entry) // { from: "2025-01-01", to: "2025-07-01" }
 */
export function entryInterval(entry: ListEntry): DateInterval {
  return { from: entry.effectiveFrom, to: entry.effectiveTo };
}

/**
 * The departments an entry names: lead departments, or the receiving department.
 * @example entryDepartments({ type: "RECLAIMED", receivingDepartment: "ZRZYJ", wayOfWorking: "" }) // ["ZRZYJ"]
 */
export function entryDepartments(terms: EntryTerms): readonly string[] {
  switch (terms.type) {
    case "BASIC":
      return [];
    case "COOPERATIVE":
      return terms.leadDepartments;
    case "RECLAIMED":
      return [terms.receivingDepartment];
  }
}
