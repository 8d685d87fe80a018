import { type EntryTerms, isoDate, type ListEntry } from "@dutylist/core";
import type { BulkSql } from "./bulk-load.ts";

// A county's list entries are most of what loading it reads (420 k at province scale), and an
// item's content and terms repeat on every township's entry: read on the driver, past Prisma's
// per-row work, each JSON document as text and parsed once per distinct text, so equal documents
// load as one shared object (as `SharedValues` writes them once). The core never mutates them.

const ENTRIES_SQL = `SELECT id, township_code, item_code, type::text AS type, terms::text AS terms,
    content::text AS content, assignment::text AS assignment, effective_from::text AS effective_from,
    effective_to::text AS effective_to, opened_by, closed_by
  FROM list_entry WHERE county_id = $1 ORDER BY id`;

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new Error(`list_entry ${String(row.id)}: ${column} is not text`);
  return value;
}

function nullableText(row: Record<string, unknown>, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/**
 * The county's list entries in id order, read in the caller's transaction (a snapshot's), equal
 * documents parsed once and shared.
 * @example const entries = await readListEntries(db.bulk(tx), "QX")
 */
export async function readListEntries(bulk: BulkSql, countyCode: string): Promise<ListEntry[]> {
  const parsed = new Map<string, unknown>();
  const json = <T>(source: string): T => {
    let value = parsed.get(source);
    if (value === undefined) {
      value = JSON.parse(source);
      parsed.set(source, value);
    }
    return value as T;
  };
  // The terms with their type, one object per distinct (type, terms).
  const typed = new Map<string, EntryTerms>();
  const terms = (type: string, source: string): EntryTerms => {
    const key = `${type}\u0000${source}`;
    let value = typed.get(key);
    if (value === undefined) {
      value = { type, ...JSON.parse(source) } as EntryTerms;
      typed.set(key, value);
    }
    return value;
  };
  const rows = await bulk.query(ENTRIES_SQL, [countyCode]);
  return rows.map((row): ListEntry => {
    const assignment = nullableText(row, "assignment");
    const to = nullableText(row, "effective_to");
    return {
      id: text(row, "id"),
      countyCode,
      townshipCode: text(row, "township_code"),
      itemCode: text(row, "item_code"),
      terms: terms(text(row, "type"), text(row, "terms")),
      content: json(text(row, "content")),
      assignment: assignment === null ? null : json(assignment),
      effectiveFrom: isoDate(text(row, "effective_from")),
      effectiveTo: to === null ? null : isoDate(to),
      openedBy: text(row, "opened_by"),
      closedBy: nullableText(row, "closed_by"),
    };
  });
}
