import type { Adjustment, Approval, DutyItem, EntryTerms, ListEntry, TemporaryTask } from "@dutylist/core";
import { toDateColumn, toNullableDateColumn } from "./calendar-columns.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import { toJson } from "./json-columns.ts";

// Core values → rows of the county's tables; one mapping for whole-county saves and change sets.

export function entryRow(countyId: string, e: ListEntry): Prisma.ListEntryCreateManyInput {
  const { type: _type, ...terms }: EntryTerms = e.terms;
  return {
    countyId,
    id: e.id,
    townshipCode: e.townshipCode,
    itemCode: e.itemCode,
    type: e.terms.type,
    terms: toJson(terms),
    content: toJson(e.content),
    ...(e.assignment === null ? {} : { assignment: toJson(e.assignment) }),
    effectiveFrom: toDateColumn(e.effectiveFrom),
    effectiveTo: toNullableDateColumn(e.effectiveTo),
    openedBy: e.openedBy,
    closedBy: e.closedBy,
  };
}

export function itemRow(countyId: string, i: DutyItem): Prisma.DutyItemCreateManyInput {
  return {
    countyId,
    code: i.code,
    townshipCode: i.townshipCode,
    category: i.content.category,
    name: i.content.name,
    tasks: [...i.content.tasks],
    basis: toJson(i.content.basis),
  };
}

export function adjustmentRow(countyId: string, a: Adjustment): Prisma.AdjustmentCreateManyInput {
  return {
    countyId,
    id: a.id,
    title: a.title,
    reason: a.reason,
    trigger: toJson(a.trigger),
    proposer: toJson(a.proposer),
    proposedOn: toDateColumn(a.proposedOn),
    changes: toJson(a.changes),
    publishedOn: toNullableDateColumn(a.publication?.publishedOn ?? null),
    effectiveFrom: toNullableDateColumn(a.publication?.effectiveFrom ?? null),
  };
}

export function approvalRow(
  countyId: string,
  adjustmentId: string,
  ap: Approval,
): Prisma.AdjustmentApprovalCreateManyInput {
  return {
    countyId,
    adjustmentId,
    level: ap.level,
    authority: ap.authority,
    approvedOn: toDateColumn(ap.approvedOn),
    documentNo: ap.documentNo,
  };
}

export function taskRow(countyId: string, t: TemporaryTask): Prisma.TemporaryTaskCreateManyInput {
  return {
    countyId,
    id: t.id,
    decision: toJson(t.decision),
    requestingDepartment: t.requestingDepartment,
    townshipCodes: [...t.townshipCodes],
    content: t.content,
    townshipRole: t.townshipRole,
    startsOn: toDateColumn(t.startsOn),
    plannedEndOn: toDateColumn(t.plannedEndOn),
    closedOn: toNullableDateColumn(t.closedOn),
    closingNote: t.closingNote,
  };
}
