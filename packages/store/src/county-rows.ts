import type { Adjustment, Approval, DutyItem, EntryTerms, ListEntry, TemporaryTask } from "@dutylist/core";
import { type BulkReference, type BulkSql, loadWithoutRowTriggers } from "./bulk-load.ts";
import { toDateColumn, toNullableDateColumn } from "./calendar-columns.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import { toJson } from "./json-columns.ts";

// Core values → rows of the county's tables; one mapping for whole-county saves and change sets.

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
    recordedOn: toDateColumn(a.recordedOn),
    changes: toJson(a.changes),
    publishedOn: toNullableDateColumn(a.publication?.publishedOn ?? null),
    effectiveFrom: toNullableDateColumn(a.publication?.effectiveFrom ?? null),
    publicationRecordedOn: toNullableDateColumn(a.publication?.recordedOn ?? null),
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
    recordedOn: toDateColumn(ap.recordedOn),
    signerSubject: ap.signedBy?.subject ?? null,
    signerName: ap.signedBy?.name ?? null,
    signerRole: ap.signedBy?.role ?? null,
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
    registeredOn: toDateColumn(t.registeredOn),
    recordedOn: toDateColumn(t.recordedOn),
    closedOn: toNullableDateColumn(t.closedOn),
    closingNote: t.closingNote,
    closingRecordedOn: toNullableDateColumn(t.closingRecordedOn),
  };
}

// Entries per statement: bounded by the parameters' size in memory, not by the database.
const ENTRY_CHUNK = 20_000;

// Columns as arrays (unnest), and each distinct JSON document once: an entry carries its own copy
// of its item's content, so a province's 420,000 entries hold a few thousand distinct documents,
// and PostgreSQL parses each once instead of once per entry (a third of PGlite's insert time).
const INSERT_ENTRIES = `INSERT INTO list_entry (county_id, id, township_code, item_code, type, terms, content,
    assignment, effective_from, effective_to, opened_by, closed_by)
  SELECT $1, x.id, x.township_code, x.item_code, x.type::"ListType", t.doc, c.doc, a.doc,
    x.effective_from, x.effective_to, x.opened_by, x.closed_by
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[],
      $9::text[], $10::int[], $11::int[], $12::int[])
    AS x(id, township_code, item_code, type, effective_from, effective_to, opened_by, closed_by,
      terms, content, assignment)
  JOIN unnest($13::jsonb[]) WITH ORDINALITY AS t(doc, n) ON t.n = x.terms
  JOIN unnest($14::jsonb[]) WITH ORDINALITY AS c(doc, n) ON c.n = x.content
  LEFT JOIN unnest($15::jsonb[]) WITH ORDINALITY AS a(doc, n) ON a.n = x.assignment`;

/** Distinct JSON documents, each numbered from 1 as `WITH ORDINALITY` numbers them. */
class JsonDocuments {
  readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();
  // Entries of one item often share its content object: such a value is serialised once.
  private readonly seen = new Map<object, number>();

  /**
   * The document's number, or null for null (SQL NULL); `document` gives what is stored of the
   * value (the value itself by default), serialised only the first time the value is met.
   */
  number<T extends object>(value: T | null, document: (value: T) => object = (v) => v): number | null {
    if (value === null) return null;
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    const text = JSON.stringify(document(value));
    let n = this.numbers.get(text);
    if (n === undefined) {
      this.texts.push(text);
      n = this.texts.length;
      this.numbers.set(text, n);
    }
    this.seen.set(value, n);
    return n;
  }
}

/** What `list_entry.terms` stores: the terms without their type (a column of its own). */
function termsDocument(terms: EntryTerms): object {
  const { type: _type, ...rest } = terms;
  return rest;
}

function entryParameters(countyId: string, entries: readonly ListEntry[]): unknown[] {
  const terms = new JsonDocuments();
  const contents = new JsonDocuments();
  const assignments = new JsonDocuments();
  const columns = {
    id: [] as string[],
    townshipCode: [] as string[],
    itemCode: [] as string[],
    type: [] as string[],
    effectiveFrom: [] as string[],
    effectiveTo: [] as (string | null)[],
    openedBy: [] as string[],
    closedBy: [] as (string | null)[],
    terms: [] as (number | null)[],
    content: [] as (number | null)[],
    assignment: [] as (number | null)[],
  };
  for (const e of entries) {
    columns.id.push(e.id);
    columns.townshipCode.push(e.townshipCode);
    columns.itemCode.push(e.itemCode);
    columns.type.push(e.terms.type);
    columns.effectiveFrom.push(e.effectiveFrom);
    columns.effectiveTo.push(e.effectiveTo);
    columns.openedBy.push(e.openedBy);
    columns.closedBy.push(e.closedBy);
    columns.terms.push(terms.number(e.terms, termsDocument));
    columns.content.push(contents.number(e.content));
    columns.assignment.push(assignments.number(e.assignment));
  }
  return [countyId, ...Object.values(columns), terms.texts, contents.texts, assignments.texts];
}

/**
 * Inserts list entries, many per statement (columns as arrays, each distinct JSON document sent
 * once), on the driver (`Database#bulk`), on PGlite without per-row triggers
 * (`loadWithoutRowTriggers`). A county of a province has 10^5–10^6 entries: through `createMany`
 * Prisma's query building took four fifths of the time. (PGlite's `COPY … FROM '/dev/blob'`
 * measured two to three times slower than a statement over arrays.)
 * @example await insertEntries(db.bulk(tx), "QX", dataset.entries)
 */
export async function insertEntries(
  bulk: BulkSql,
  countyId: string,
  entries: readonly ListEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const townships = new Set<string>();
  const items = new Set<string>();
  for (const e of entries) {
    townships.add(e.townshipCode);
    items.add(e.itemCode);
  }
  const references: BulkReference[] = [
    { table: "township", column: "township_code", codes: townships },
    { table: "duty_item", column: "item_code", codes: items },
  ];
  await loadWithoutRowTriggers(bulk, countyId, "list_entry", references, async () => {
    for (let i = 0; i < entries.length; i += ENTRY_CHUNK) {
      await bulk.execute(INSERT_ENTRIES, entryParameters(countyId, entries.slice(i, i + ENTRY_CHUNK)));
    }
  });
}
