import { isIsoDate } from "../base/calendar-date.ts";
import { invalidField, type OperationError } from "../base/domain-error.ts";
import { recordingDateErrors } from "../base/knowledge-time.ts";
import { collect, err, ok, type Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { DutyItem } from "../county/duty-item.ts";
import { buildListIndex } from "../lists/list-index.ts";
import {
  type FindResemblancesOptions,
  findResemblances,
  type Proposal,
  type ResemblanceFlag,
} from "../lists/resemblance.ts";
import { type Adjustment, type AdjustmentRoute, type Approval, deriveAdjustmentRoute } from "./adjustment.ts";

export type AdjustmentProposal = Omit<Adjustment, "countyCode" | "approvals" | "publication">;

export interface ProposeAdjustmentOutcome {
  readonly dataset: CountyDataset;
  readonly adjustment: Adjustment;
  readonly route: AdjustmentRoute;
  /** Changes that resemble a reclaimed item, for review (L6). */
  readonly resemblances: readonly ResemblanceFlag[];
}

/**
 * The changes of an adjustment that give a township something to do — additions, amendments with
 * new content or new cooperation content — as proposals for the resemblance check (L6), with the
 * cooperation content of a cooperative entry (duties added "as cooperation work").
 * @example resemblanceProposals(adjustment, catalogue) // [{ ref: "调整 QX-ADJ-2025-03 第1项变更", … }]
 */
export function resemblanceProposals(
  adjustment: Pick<Adjustment, "id" | "changes">,
  items: ReadonlyMap<string, DutyItem>,
): Proposal[] {
  return adjustment.changes.flatMap((change, i): Proposal[] => {
    if (change.kind === "REMOVE" || change.kind === "RECLASSIFY") return [];
    if (change.kind === "AMEND" && change.content === undefined && change.terms?.type !== "COOPERATIVE")
      return [];
    const content = change.content ?? items.get(change.itemCode)?.content;
    if (content === undefined || change.terms?.type === "RECLAIMED") return [];
    const ref = `调整 ${adjustment.id} 第${i + 1}项变更`;
    return [
      {
        ref,
        townshipCodes: [change.townshipCode],
        itemCodes: [change.itemCode],
        name: content.name,
        tasks: content.tasks,
        ...(change.terms?.type === "COOPERATIVE"
          ? { cooperationContent: change.terms.cooperationContent }
          : {}),
      },
    ];
  });
}

function referenceErrors(dataset: CountyDataset, proposal: AdjustmentProposal): OperationError[] {
  const townships = new Set(dataset.townships.map((t) => t.code));
  const departments = new Set(dataset.departments.map((d) => d.code));
  // Catalogue items, and new ones that an ADD of this adjustment describes.
  const items = new Set([
    ...dataset.items.map((i) => i.code),
    ...proposal.changes.flatMap((c) => (c.kind === "ADD" && c.content !== undefined ? [c.itemCode] : [])),
  ]);
  const errors: OperationError[] = [];
  const missing = (
    field: string,
    kind: "TOWNSHIP" | "DEPARTMENT" | "ITEM",
    code: string,
  ): OperationError => ({
    _tag: "NOT_FOUND",
    kind,
    id: code,
    message: `${field} 引用了不存在的${kind === "TOWNSHIP" ? "乡镇" : kind === "DEPARTMENT" ? "部门" : "事项"} ${code}`,
  });
  if (proposal.proposer.kind === "DEPARTMENT" && !departments.has(proposal.proposer.departmentCode)) {
    errors.push(missing("proposer.departmentCode", "DEPARTMENT", proposal.proposer.departmentCode));
  }
  if (proposal.proposer.kind === "TOWNSHIP" && !townships.has(proposal.proposer.townshipCode)) {
    errors.push(missing("proposer.townshipCode", "TOWNSHIP", proposal.proposer.townshipCode));
  }
  proposal.changes.forEach((change, i) => {
    const at = `changes[${i}]`;
    if (!townships.has(change.townshipCode))
      errors.push(missing(`${at}.townshipCode`, "TOWNSHIP", change.townshipCode));
    if (!items.has(change.itemCode)) errors.push(missing(`${at}.itemCode`, "ITEM", change.itemCode));
    const terms = change.kind === "REMOVE" ? undefined : change.terms;
    if (terms?.type === "COOPERATIVE") {
      terms.leadDepartments.forEach((code, j) => {
        if (!departments.has(code))
          errors.push(missing(`${at}.terms.leadDepartments[${j}]`, "DEPARTMENT", code));
      });
    }
    if (terms?.type === "RECLAIMED" && !departments.has(terms.receivingDepartment)) {
      errors.push(missing(`${at}.terms.receivingDepartment`, "DEPARTMENT", terms.receivingDepartment));
    }
  });
  return errors;
}

/**
 * Records a proposed adjustment (L3) after checking its fields and references; returns its
 * route (L4) and the changes that resemble an item reclaimed in the county (L6), at the county's
 * resemblance threshold when `options` gives it (policy).
 * @example proposeAdjustment(dataset, { id: "ADJ-2025-01", changes: [...], … })
 */
export function proposeAdjustment(
  dataset: CountyDataset,
  proposal: AdjustmentProposal,
  options: FindResemblancesOptions = {},
): Result<ProposeAdjustmentOutcome, OperationError> {
  const errors: OperationError[] = [];
  if (proposal.id.trim() === "") errors.push(invalidField("id", "调整编号不能为空"));
  if (
    dataset.adjustments.some((a) => a.id === proposal.id) ||
    dataset.publications.some((p) => p.id === proposal.id)
  ) {
    errors.push({
      _tag: "DUPLICATE_ID",
      kind: "ADJUSTMENT",
      id: proposal.id,
      message: `调整编号 ${proposal.id} 已存在`,
    });
  }
  if (proposal.reason.trim() === "") errors.push(invalidField("reason", "调整须载明理由(规则L3)"));
  if (proposal.trigger.reference.trim() === "")
    errors.push(invalidField("trigger.reference", "调整须载明依据文件(规则L3)"));
  if (!isIsoDate(proposal.proposedOn))
    errors.push(invalidField("proposedOn", `不是有效日期:${proposal.proposedOn}`));
  errors.push(...recordingDateErrors("proposedOn", proposal.proposedOn, proposal.recordedOn, "提出"));
  if (proposal.changes.length === 0) errors.push(invalidField("changes", "调整至少包含一项变更"));
  const touched = new Set<string>();
  proposal.changes.forEach((change, i) => {
    const key = `${change.townshipCode}\u0000${change.itemCode}`;
    if (touched.has(key)) {
      errors.push(
        invalidField(
          `changes[${i}]`,
          `一次调整对乡镇 ${change.townshipCode} 的事项 ${change.itemCode} 只能有一项变更`,
        ),
      );
    }
    touched.add(key);
  });
  errors.push(...referenceErrors(dataset, proposal));
  const [first, ...rest] = errors;
  if (first !== undefined) return err(first, ...rest);

  const adjustment: Adjustment = {
    ...proposal,
    countyCode: dataset.county.code,
    approvals: [],
    publication: null,
  };
  const index = buildListIndex(dataset.entries);
  const items = new Map(dataset.items.map((item) => [item.code, item]));
  return ok({
    dataset: { ...dataset, adjustments: [...dataset.adjustments, adjustment] },
    adjustment,
    route: deriveAdjustmentRoute(adjustment, index, proposal.proposedOn),
    resemblances: findResemblances(
      resemblanceProposals(proposal, items),
      index,
      proposal.proposedOn,
      options,
    ),
  });
}

export function findUnpublished(dataset: CountyDataset, id: string): Result<Adjustment, OperationError> {
  const adjustment = dataset.adjustments.find((a) => a.id === id);
  if (adjustment === undefined) {
    return err({ _tag: "NOT_FOUND", kind: "ADJUSTMENT", id, message: `调整 ${id} 不存在` });
  }
  if (adjustment.publication !== null) {
    return err({
      _tag: "ALREADY_PUBLISHED",
      adjustmentId: id,
      message: `调整 ${id} 已于 ${adjustment.publication.publishedOn} 发布,不能再变更`,
    });
  }
  return ok(adjustment);
}

export function replaceAdjustment(dataset: CountyDataset, adjustment: Adjustment): CountyDataset {
  return {
    ...dataset,
    adjustments: dataset.adjustments.map((a) => (a.id === adjustment.id ? adjustment : a)),
  };
}

/**
 * Puts an approval on an adjustment's record (L3). Approvals are appended, never replaced: a
 * second approval at the same level is refused.
 * @example approveAdjustment(dataset, "QX-ADJ-2025-02", { level: "PROVINCE", authority: "省委编办", approvedOn: isoDate("2025-08-12"), documentNo: null, recordedOn: isoDate("2025-08-12") })
 */
export function approveAdjustment(
  dataset: CountyDataset,
  adjustmentId: string,
  approval: Approval,
): Result<{ readonly dataset: CountyDataset; readonly adjustment: Adjustment }, OperationError> {
  const found = findUnpublished(dataset, adjustmentId);
  if (!found.ok) return found;
  const adjustment = found.value;
  const errors: OperationError[] = [];
  if (!isIsoDate(approval.approvedOn))
    errors.push(invalidField("approvedOn", `不是有效日期:${approval.approvedOn}`));
  else if (approval.approvedOn < adjustment.proposedOn) {
    errors.push(
      invalidField("approvedOn", `审批日期 ${approval.approvedOn} 早于提出日期 ${adjustment.proposedOn}`),
    );
  }
  errors.push(...recordingDateErrors("approvedOn", approval.approvedOn, approval.recordedOn, "审批"));
  if (approval.authority.trim() === "") errors.push(invalidField("authority", "须载明审批机关"));
  if (adjustment.approvals.some((a) => a.level === approval.level)) {
    errors.push({
      _tag: "DUPLICATE_ID",
      kind: "ADJUSTMENT",
      id: `${adjustmentId}/${approval.level}`,
      message: `调整 ${adjustmentId} 已有${approval.level === "COUNTY" ? "县级" : "省级"}审批记录`,
    });
  }
  const approved: Adjustment = { ...adjustment, approvals: [...adjustment.approvals, approval] };
  return collect(errors, { dataset: replaceAdjustment(dataset, approved), adjustment: approved });
}
