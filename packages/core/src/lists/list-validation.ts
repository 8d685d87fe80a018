import { type IsoDate, intervalsOverlap, isIsoDate, isWellFormedInterval } from "../base/calendar-date.ts";
import type { EntityKind, ListViolation } from "../base/domain-error.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { entryTermsProblems } from "./entry-terms-check.ts";
import { entryInterval, type ListEntry } from "./list-entry.ts";

function duplicates(kind: EntityKind, codes: readonly string[]): ListViolation[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const found: ListViolation[] = [];
  for (const code of codes) {
    if (seen.has(code) && !reported.has(code)) {
      reported.add(code);
      found.push({ _tag: "DUPLICATE_CODE", kind, code, message: `编码重复:${kind} ${code} 出现不止一次` });
    }
    seen.add(code);
  }
  return found;
}

function entryViolations(
  entry: ListEntry,
  dataset: CountyDataset,
  known: {
    townships: ReadonlySet<string>;
    departments: ReadonlySet<string>;
    itemOwners: ReadonlyMap<string, string | null>;
    changes: ReadonlySet<string>;
  },
): ListViolation[] {
  const found: ListViolation[] = [];
  const at = `条目 ${entry.id}`;
  const unknown = (field: string, kind: EntityKind, code: string): ListViolation => ({
    _tag: "UNKNOWN_REFERENCE",
    field: `entry ${entry.id} ${field}`,
    kind,
    code,
    message: `${at} 的 ${field} 引用了不存在的${kind} ${code}`,
  });
  if (entry.countyCode !== dataset.county.code) found.push(unknown("countyCode", "COUNTY", entry.countyCode));
  if (!known.townships.has(entry.townshipCode))
    found.push(unknown("townshipCode", "TOWNSHIP", entry.townshipCode));
  const owner = known.itemOwners.get(entry.itemCode);
  if (owner === undefined) found.push(unknown("itemCode", "ITEM", entry.itemCode));
  else if (owner !== null && owner !== entry.townshipCode) {
    found.push({
      _tag: "FOREIGN_TOWNSHIP_ITEM",
      entryId: entry.id,
      itemCode: entry.itemCode,
      ownerTownshipCode: owner,
      message: `${at}:事项 ${entry.itemCode} 是乡镇 ${owner} 的特色事项(一镇一策),不能列入乡镇 ${entry.townshipCode} 的清单`,
    });
  }
  const datesValid =
    isIsoDate(entry.effectiveFrom) && (entry.effectiveTo === null || isIsoDate(entry.effectiveTo));
  if (!datesValid || !isWellFormedInterval(entryInterval(entry))) {
    found.push({
      _tag: "MALFORMED_INTERVAL",
      entryId: entry.id,
      message: `${at} 的有效期 [${entry.effectiveFrom}, ${entry.effectiveTo ?? "…"}) 不成立:须为有效日期且生效日期早于失效日期`,
    });
  }
  if (!known.changes.has(entry.openedBy)) found.push(unknown("openedBy", "ADJUSTMENT", entry.openedBy));
  if (entry.closedBy !== null && !known.changes.has(entry.closedBy)) {
    found.push(unknown("closedBy", "ADJUSTMENT", entry.closedBy));
  }
  // L1, A2, A3: the terms' own check, each problem placed on this entry.
  for (const problem of entryTermsProblems(entry.terms, known.departments)) {
    if (problem._tag === "UNKNOWN_DEPARTMENT")
      found.push(unknown(`terms.${problem.field}`, "DEPARTMENT", problem.code));
    else found.push({ _tag: problem._tag, entryId: entry.id, message: `${at}:${problem.message}` });
  }
  return found;
}

function overlapViolations(entries: readonly ListEntry[]): ListViolation[] {
  const groups = new Map<string, ListEntry[]>();
  for (const entry of entries) {
    const key = `${entry.townshipCode}\u0000${entry.itemCode}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  const found: ListViolation[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id < b.id ? -1 : 1,
    );
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i];
        const b = sorted[j];
        if (a === undefined || b === undefined) continue;
        if (!intervalsOverlap(entryInterval(a), entryInterval(b))) continue;
        const firstDay: IsoDate = b.effectiveFrom;
        found.push({
          _tag: "ITEM_ON_TWO_LISTS",
          townshipCode: a.townshipCode,
          itemCode: a.itemCode,
          entryIds: [a.id, b.id],
          message: `事项 ${a.itemCode} 自 ${firstDay} 起同时列于乡镇 ${a.townshipCode} 的两个条目(${a.id}、${b.id});同一日期一个事项只能列入一张清单`,
        });
      }
    }
  }
  return found;
}

/**
 * Checks a county's lists before a version is published, enumerating every violation rather
 * than stopping at the first: codes are unique; references exist; intervals are well-formed; an
 * item is on at most one list of a township on any date (L1); a cooperative entry names a lead
 * department and cooperation content; a reclaimed entry names its receiving department.
 * @example validateCountyLists(dataset) // [] when the lists may be published
 */
export function validateCountyLists(dataset: CountyDataset): ListViolation[] {
  const changeIds = [...dataset.publications.map((p) => p.id), ...dataset.adjustments.map((a) => a.id)];
  const known = {
    townships: new Set(dataset.townships.map((t) => t.code)),
    departments: new Set(dataset.departments.map((d) => d.code)),
    itemOwners: new Map(dataset.items.map((item) => [item.code, item.townshipCode])),
    changes: new Set(changeIds),
  };
  const found: ListViolation[] = [
    ...duplicates(
      "TOWNSHIP",
      dataset.townships.map((t) => t.code),
    ),
    ...duplicates(
      "DEPARTMENT",
      dataset.departments.map((d) => d.code),
    ),
    ...duplicates(
      "ITEM",
      dataset.items.map((i) => i.code),
    ),
    ...duplicates(
      "ENTRY",
      dataset.entries.map((e) => e.id),
    ),
    ...duplicates("ADJUSTMENT", changeIds),
    ...duplicates(
      "TEMPORARY_TASK",
      dataset.temporaryTasks.map((t) => t.id),
    ),
  ];
  for (const row of [...dataset.townships, ...dataset.departments, ...dataset.items]) {
    if (row.countyCode !== dataset.county.code) {
      found.push({
        _tag: "UNKNOWN_REFERENCE",
        field: `${row.code} countyCode`,
        kind: "COUNTY",
        code: row.countyCode,
        message: `${row.code} 属于县 ${row.countyCode},不属于本县 ${dataset.county.code}`,
      });
    }
  }
  for (const item of dataset.items) {
    if (item.townshipCode !== null && !known.townships.has(item.townshipCode)) {
      found.push({
        _tag: "UNKNOWN_REFERENCE",
        field: `item ${item.code} townshipCode`,
        kind: "TOWNSHIP",
        code: item.townshipCode,
        message: `特色事项 ${item.code} 所属乡镇 ${item.townshipCode} 不存在`,
      });
    }
  }
  for (const entry of dataset.entries) found.push(...entryViolations(entry, dataset, known));
  found.push(...overlapViolations(dataset.entries));
  return found;
}
