import { type IsoDate, isIsoDate } from "../base/calendar-date.ts";
import { invalidField, type ListViolation, type OperationError } from "../base/domain-error.ts";
import { recordingDateErrors } from "../base/knowledge-time.ts";
import { collect, err, ok, type Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { DutyItem } from "../county/duty-item.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import { buildListIndex, entryHistory, entryInForce, type ListIndex } from "../lists/list-index.ts";
import { validateCountyLists } from "../lists/list-validation.ts";
import {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentRoute,
  deriveAdjustmentRoute,
} from "./adjustment.ts";
import { findUnpublished, replaceAdjustment } from "./adjustment-workflow.ts";

// Publishing an adjustment (L2, L3, L4): close and open entries, all or nothing.

export interface PublishAdjustmentOptions {
  readonly publishedOn: IsoDate;
  /** Knowledge time (L2): the day the engine records the publication; never before `publishedOn`. */
  readonly recordedOn: IsoDate;
  /** Defaults to the publication date; never earlier (no retroactive change of past lists, A9). */
  readonly effectiveFrom?: IsoDate;
}

export interface PublishAdjustmentOutcome {
  readonly dataset: CountyDataset;
  readonly adjustment: Adjustment;
  readonly route: AdjustmentRoute;
  readonly closed: readonly ListEntry[];
  readonly opened: readonly ListEntry[];
}

function conflict(
  adjustmentId: string,
  change: AdjustmentChange,
  i: number,
  message: string,
): OperationError {
  return {
    _tag: "CHANGE_CONFLICT",
    adjustmentId,
    changeIndex: i,
    townshipCode: change.townshipCode,
    itemCode: change.itemCode,
    message: `调整 ${adjustmentId} 第${i + 1}项变更(乡镇 ${change.townshipCode} 事项 ${change.itemCode}):${message}`,
  };
}

interface AppliedChange {
  readonly closed: ListEntry | null;
  readonly opened: ListEntry | null;
  readonly newItem: DutyItem | null;
}

function applyChange(
  adjustment: Adjustment,
  change: AdjustmentChange,
  i: number,
  index: ListIndex,
  items: Map<string, DutyItem>,
  from: IsoDate,
): Result<AppliedChange, OperationError> {
  const fail = (message: string) => err(conflict(adjustment.id, change, i, message));
  const current = entryInForce(index, change.townshipCode, change.itemCode, from);
  const refused = historyConflict(index, change, current, from);
  if (refused !== null) return fail(refused);
  const close = (entry: ListEntry): ListEntry => ({ ...entry, effectiveTo: from, closedBy: adjustment.id });
  const open = (base: EntryBase): ListEntry => ({
    ...base,
    id: `${adjustment.id}#${i + 1}`,
    effectiveFrom: from,
    effectiveTo: current?.effectiveTo ?? null,
    openedBy: adjustment.id,
    closedBy: null,
  });
  switch (change.kind) {
    case "ADD":
      if (current !== null)
        return fail(
          `该事项 ${from} 已列入${current.terms.type}清单(条目 ${current.id}),一个事项只能列入一张清单`,
        );
      return addedEntry(adjustment, change, items, open, fail);
    case "REMOVE":
      if (current === null) return fail(`该事项 ${from} 不在该乡镇清单上,无从取消`);
      return ok({ closed: close(current), opened: null, newItem: null });
    case "RECLASSIFY": {
      if (current === null) return fail(`该事项 ${from} 不在该乡镇清单上,无从调整类型`);
      if (current.terms.type === change.terms.type)
        return fail(`该事项已是${current.terms.type},调整类型须改变类型(修改内容请用 AMEND)`);
      const assignment =
        change.assignment !== undefined
          ? change.assignment
          : change.terms.type === "RECLAIMED"
            ? null
            : current.assignment;
      return ok({
        closed: close(current),
        opened: open({ ...current, terms: change.terms, assignment }),
        newItem: null,
      });
    }
    case "AMEND": {
      if (current === null) return fail(`该事项 ${from} 不在该乡镇清单上,无从修改`);
      if (change.terms !== undefined && change.terms.type !== current.terms.type) {
        return fail(`修改不能改变类型(${current.terms.type} → ${change.terms.type}),请用 RECLASSIFY`);
      }
      const opened = open({
        ...current,
        terms: change.terms ?? current.terms,
        content: change.content ?? current.content,
        assignment: change.assignment === undefined ? current.assignment : change.assignment,
      });
      return ok({ closed: close(current), opened, newItem: null });
    }
  }
}

/**
 * Publishes an adjustment (L2, L3, L4): refuses it without the approvals its route requires
 * (an access-route change needs the provincial approval), closes the entries it replaces and
 * opens the new ones from `effectiveFrom`, then checks the resulting lists by enumeration and
 * refuses the whole adjustment if any check fails. The input dataset is never modified.
 * @example publishAdjustment(dataset, "ADJ-2025-01", { publishedOn: isoDate("2025-06-20"), effectiveFrom: isoDate("2025-07-01"), recordedOn: isoDate("2025-06-20") })
 */
export function publishAdjustment(
  dataset: CountyDataset,
  adjustmentId: string,
  options: PublishAdjustmentOptions,
): Result<PublishAdjustmentOutcome, OperationError | ListViolation> {
  const found = findUnpublished(dataset, adjustmentId);
  if (!found.ok) return found;
  const adjustment = found.value;
  const { publishedOn } = options;
  const effectiveFrom = options.effectiveFrom ?? publishedOn;
  const dateErrors: OperationError[] = [];
  if (!isIsoDate(publishedOn)) dateErrors.push(invalidField("publishedOn", `不是有效日期:${publishedOn}`));
  if (!isIsoDate(effectiveFrom))
    dateErrors.push(invalidField("effectiveFrom", `不是有效日期:${effectiveFrom}`));
  else if (effectiveFrom < publishedOn) {
    dateErrors.push(
      invalidField("effectiveFrom", `生效日期 ${effectiveFrom} 早于发布日期 ${publishedOn}:调整不溯及既往`),
    );
  }
  dateErrors.push(...recordingDateErrors("publishedOn", publishedOn, options.recordedOn, "发布"));
  if (isIsoDate(options.recordedOn) && options.recordedOn < adjustment.recordedOn)
    dateErrors.push(
      invalidField(
        "recordedOn",
        `发布录入日期 ${options.recordedOn} 早于提出录入日期 ${adjustment.recordedOn}`,
      ),
    );
  const [firstDateError, ...otherDateErrors] = dateErrors;
  if (firstDateError !== undefined) return err(firstDateError, ...otherDateErrors);

  const index = buildListIndex(dataset.entries);
  const route = deriveAdjustmentRoute(adjustment, index, effectiveFrom);
  const errors: (OperationError | ListViolation)[] = [];
  for (const level of route.requiredApprovals) {
    const approval = adjustment.approvals.find((a) => a.level === level);
    const levelName = level === "COUNTY" ? "县级" : "省级";
    if (approval === undefined) {
      errors.push({
        _tag: "MISSING_APPROVAL",
        adjustmentId,
        level,
        message: `调整 ${adjustmentId} 缺少${levelName}审批,不能发布:${route.reason}`,
      });
    } else if (approval.approvedOn > publishedOn) {
      errors.push(
        invalidField(
          "publishedOn",
          `${levelName}审批日期 ${approval.approvedOn} 晚于发布日期 ${publishedOn}`,
        ),
      );
    }
  }
  const items = new Map(dataset.items.map((item) => [item.code, item]));
  const closed: ListEntry[] = [];
  const opened: ListEntry[] = [];
  const newItems: DutyItem[] = [];
  adjustment.changes.forEach((change, i) => {
    const applied = applyChange(adjustment, change, i, index, items, effectiveFrom);
    if (!applied.ok) errors.push(...applied.errors);
    else {
      if (applied.value.closed !== null) closed.push(applied.value.closed);
      if (applied.value.opened !== null) opened.push(applied.value.opened);
      if (applied.value.newItem !== null) newItems.push(applied.value.newItem);
    }
  });
  const published: Adjustment = {
    ...adjustment,
    publication: { publishedOn, effectiveFrom, recordedOn: options.recordedOn },
  };
  const closedById = new Map(closed.map((entry) => [entry.id, entry]));
  const next: CountyDataset = {
    ...replaceAdjustment(dataset, published),
    items: [...dataset.items, ...newItems],
    entries: [...dataset.entries.map((entry) => closedById.get(entry.id) ?? entry), ...opened],
  };
  if (errors.length === 0) errors.push(...validateCountyLists(next));
  return collect(errors, { dataset: next, adjustment: published, route, closed, opened });
}

type EntryBase = Omit<ListEntry, "id" | "effectiveFrom" | "effectiveTo" | "openedBy" | "closedBy">;

/**
 * L2: why the change cannot be placed at `from` in the item's history — a later change exists,
 * the entry in force was closed by a later adjustment, or it opened that very day — or `null`.
 */
function historyConflict(
  index: ListIndex,
  change: AdjustmentChange,
  current: ListEntry | null,
  from: IsoDate,
): string | null {
  const later = entryHistory(index, change.townshipCode, change.itemCode).find((e) => e.effectiveFrom > from);
  if (later !== undefined)
    return `该事项在 ${later.effectiveFrom} 已有后续变更(条目 ${later.id}),不能在其之前插入调整`;
  // An entry already closed by a later change keeps that record; adjusting it here would
  // rewrite a published closure.
  if (current?.closedBy != null)
    return `条目 ${current.id} 已由调整 ${current.closedBy} 于 ${current.effectiveTo ?? ""} 关闭,不能在其之前插入调整`;
  if (current !== null && current.effectiveFrom === from)
    return `条目 ${current.id} 自 ${from} 起生效,同一日期不能再调整`;
  return null;
}

/** L3: the entry an ADD opens, and the catalogue item it brings when the item is new. */
function addedEntry(
  adjustment: Adjustment,
  change: Extract<AdjustmentChange, { kind: "ADD" }>,
  items: Map<string, DutyItem>,
  open: (base: EntryBase) => ListEntry,
  fail: (message: string) => Result<AppliedChange, OperationError>,
): Result<AppliedChange, OperationError> {
  const catalogued = items.get(change.itemCode);
  const content = change.content ?? catalogued?.content;
  if (content === undefined) return fail("新事项须载明事项内容");
  if (catalogued?.townshipCode != null && catalogued.townshipCode !== change.townshipCode) {
    return fail(`该事项是乡镇 ${catalogued.townshipCode} 的特色事项`);
  }
  // A new item added to several townships by one adjustment enters the catalogue once; the
  // first change that names it supplies its content.
  const newItem: DutyItem | null =
    catalogued === undefined
      ? { code: change.itemCode, countyCode: adjustment.countyCode, townshipCode: null, content }
      : null;
  if (newItem !== null) items.set(newItem.code, newItem);
  const opened = open({
    countyCode: adjustment.countyCode,
    townshipCode: change.townshipCode,
    itemCode: change.itemCode,
    terms: change.terms,
    content,
    assignment: change.assignment ?? null,
  });
  return ok({ closed: null, opened, newItem });
}
