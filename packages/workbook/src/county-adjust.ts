import {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentRoute,
  type AdjustmentTrigger,
  type Approval,
  approveAdjustment,
  buildListIndex,
  type CountyDataset,
  canonicalJson,
  type DomainError,
  entryInForce,
  formatCitation,
  type IsoDate,
  type ListEntry,
  type ListType,
  listsAsOf,
  proposeAdjustment,
  publishAdjustment,
  type TriggerKind,
} from "@dutylist/core";
import type { CountyImport, CountyImportOptions } from "./county-import-plan.ts";
import { INFO_FIELDS, SHEETS } from "./format.ts";
import {
  checkMassRemoval,
  checkStaleWorkbook,
  type DatedChange,
  DEFAULT_MAX_REMOVAL_SHARE,
} from "./import-safeguards.ts";
import {
  applyTasks,
  domainIssue,
  fileLocation,
  maxDate,
  pairKey,
  violationEntryIds,
} from "./import-support.ts";
import type { InfoValues } from "./info-sheet.ts";
import { LIST_SHEETS, type ListRow, readListRows } from "./list-rows.ts";
import { type ReferenceData, readReferenceData } from "./reference-sheets.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";
import { readTaskRows } from "./task-rows.ts";

// ─── A stored county: differences become adjustments ──────────────────────────────────────────

function contentKey(entry: Pick<ListEntry, "content">): string {
  const { category, name, tasks, basis } = entry.content;
  return JSON.stringify([category, name, tasks, basis.map(formatCitation)]);
}

function assignmentKey(entry: Pick<ListEntry, "assignment" | "terms">): string {
  const a = entry.terms.type === "RECLAIMED" ? null : entry.assignment;
  if (a === null || (a.leadingPost === null && a.office === null && a.assistingUnits.length === 0))
    return "null";
  return JSON.stringify([a.leadingPost, a.office, a.assistingUnits]);
}

function termsKey(entry: Pick<ListEntry, "terms">): string {
  const t = entry.terms;
  switch (t.type) {
    case "BASIC":
      return "BASIC";
    case "COOPERATIVE":
      return JSON.stringify([
        t.type,
        t.leadDepartments,
        t.departmentDuty,
        t.cooperationContent,
        t.guarantees.map((g) => [g.kind, g.description]),
      ]);
    case "RECLAIMED":
      return JSON.stringify([t.type, t.receivingDepartment, t.wayOfWorking]);
  }
}

interface PlannedChange {
  readonly change: AdjustmentChange;
  /** The row that asks for the change (for a removal, the version date that implies it). */
  readonly at: CellLocation;
}

function changesOfRows(
  stored: CountyDataset,
  rows: readonly ListRow[],
  scope: { readonly townships: readonly string[]; readonly listTypes: ReadonlySet<ListType> },
  asOf: { readonly date: IsoDate; readonly at: CellLocation },
  log: IssueLog,
): Map<IsoDate, PlannedChange[]> {
  const index = buildListIndex(stored.entries);
  const byDate = new Map<IsoDate, PlannedChange[]>();
  const plan = (date: IsoDate, change: AdjustmentChange, at: ListRow | CellLocation) => {
    const planned = byDate.get(date) ?? [];
    planned.push({ change, at: "record" in at ? at.record.where : at });
    byDate.set(date, planned);
  };
  const covered = new Set<string>();
  for (const row of rows) {
    for (const townshipCode of row.townshipCodes) {
      const itemCode = row.itemCode;
      if (row.effectiveFrom <= asOf.date && (row.effectiveTo === null || asOf.date < row.effectiveTo))
        covered.add(pairKey(townshipCode, itemCode));
      const current = entryInForce(index, townshipCode, itemCode, row.effectiveFrom);
      const listed = { terms: row.terms, content: row.content, assignment: row.assignment };
      const sameTerms = current !== null && termsKey(current) === termsKey(listed);
      const sameRest =
        current !== null &&
        contentKey(current) === contentKey(listed) &&
        assignmentKey(current) === assignmentKey(listed);
      const remove: AdjustmentChange = { kind: "REMOVE", townshipCode, itemCode };
      if (current !== null && sameTerms && sameRest) {
        // A row without an end says nothing about a closing that came later (an older export).
        if (row.effectiveTo !== null && row.effectiveTo !== current.effectiveTo) {
          if (current.effectiveTo === null) plan(row.effectiveTo, remove, row);
          else
            log.add(
              "HISTORY_CONFLICT",
              row.record.at("effectiveTo"),
              `条目 ${current.id} 在库中于 ${current.effectiveTo} 失效,此处为 ${row.effectiveTo}:导入不改写已发布的清单(L2)`,
              "L2",
            );
        }
        continue;
      }
      if (current !== null && current.effectiveFrom === row.effectiveFrom) {
        log.add(
          "HISTORY_CONFLICT",
          row.record.where,
          `乡镇(街道) ${townshipCode} 的事项 ${itemCode} 自 ${row.effectiveFrom} 起在库中已有条目 ${current.id},内容与此行不同:导入不改写已发布的清单(L2);新版本请以新的生效日期列出`,
          "L2",
        );
        continue;
      }
      if (current === null) {
        plan(
          row.effectiveFrom,
          {
            kind: "ADD",
            townshipCode,
            itemCode,
            terms: row.terms,
            content: row.content,
            assignment: row.assignment,
          },
          row,
        );
      } else if (current.terms.type !== row.terms.type) {
        if (contentKey(current) !== contentKey(listed)) {
          log.add(
            "HISTORY_CONFLICT",
            row.record.where,
            `事项 ${itemCode} 在乡镇(街道) ${townshipCode} 同日既改变清单类型又修改内容:一次调整对一个事项只能有一项变更(L3),请分两个生效日期列出`,
            "L3",
          );
          continue;
        }
        plan(
          row.effectiveFrom,
          { kind: "RECLASSIFY", townshipCode, itemCode, terms: row.terms, assignment: row.assignment },
          row,
        );
      } else {
        plan(
          row.effectiveFrom,
          {
            kind: "AMEND",
            townshipCode,
            itemCode,
            terms: row.terms,
            content: row.content,
            assignment: row.assignment,
          },
          row,
        );
      }
      if (row.effectiveTo !== null && row.effectiveTo !== current?.effectiveTo)
        plan(row.effectiveTo, remove, row);
    }
  }
  // An item in force on the version date that the workbook no longer lists for a township it
  // covers is taken off that township's lists from that date — only for the lists whose sheets
  // the workbook has (a workbook of basic items alone says nothing of the other two lists).
  for (const townshipCode of scope.townships) {
    const lists = listsAsOf(index, townshipCode, asOf.date);
    for (const entry of [...lists.basic, ...lists.cooperative, ...lists.reclaimed]) {
      if (!scope.listTypes.has(entry.terms.type) || covered.has(pairKey(townshipCode, entry.itemCode)))
        continue;
      plan(asOf.date, { kind: "REMOVE", townshipCode, itemCode: entry.itemCode }, asOf.at);
    }
  }
  return byDate;
}

const TRIGGER_BY_WORD: ReadonlyMap<string, TriggerKind> = new Map([
  ["法律法规立改废释", "LAW_CHANGE"],
  ["law_change", "LAW_CHANGE"],
  ["中央和省委省政府部署", "SUPERIOR_DEPLOYMENT"],
  ["上级部署", "SUPERIOR_DEPLOYMENT"],
  ["superior_deployment", "SUPERIOR_DEPLOYMENT"],
  ["乡镇(街道)申请", "TOWNSHIP_APPLICATION"],
  ["乡镇申请", "TOWNSHIP_APPLICATION"],
  ["township_application", "TOWNSHIP_APPLICATION"],
  ["工作需要", "WORK_NEED"],
  ["work_need", "WORK_NEED"],
]);

interface AdjustmentTerms {
  readonly title: string;
  readonly reason: string;
  readonly trigger: AdjustmentTrigger;
  readonly publishedOn: IsoDate | null;
  /**
   * The county approval the workbook states; `null` when it states none: the changes are then
   * only proposed (never an approval the workbook does not give).
   */
  readonly county: Approval | null;
  readonly province: Approval | null;
}

const COUNTY_APPROVAL_FIELDS = ["countyAuthority", "countyApprovedOn", "countyDocumentNo"] as const;

function adjustmentTerms(tables: WorkbookTables, info: InfoValues, log: IssueLog): AdjustmentTerms {
  const word = info.text("trigger");
  const kind = word === null ? "WORK_NEED" : TRIGGER_BY_WORD.get(word.toLowerCase());
  if (kind === undefined)
    log.add(
      "UNKNOWN_VALUE",
      info.at("trigger") ?? fileLocation(tables),
      `调整依据类型“${word}”无法识别:应为 法律法规立改废释、中央和省委省政府部署、乡镇(街道)申请 或 工作需要`,
      "L3",
    );
  const provinceAuthority = info.text("provinceAuthority");
  const provinceApprovedOn = info.date("provinceApprovedOn", log);
  if ((provinceAuthority === null) !== (provinceApprovedOn === null))
    log.add(
      "REQUIRED",
      info.at("provinceAuthority") ?? fileLocation(tables),
      "省级审批机关和省级审批日期须同时填写",
      "L4",
    );
  // L3/L4: an approval is a fact of record; the import takes it from 清单信息 in full or not at all.
  const countyAuthority = info.text("countyAuthority");
  const countyApprovedOn = info.date("countyApprovedOn", log);
  const countyDocumentNo = info.text("countyDocumentNo");
  const given = COUNTY_APPROVAL_FIELDS.filter((f) => info.text(f) !== null);
  if (given.length > 0 && given.length < COUNTY_APPROVAL_FIELDS.length) {
    const missing = COUNTY_APPROVAL_FIELDS.filter((f) => info.text(f) === null).map((f) => INFO_FIELDS[f]);
    log.add(
      "REQUIRED",
      info.at(given[0] ?? "countyAuthority") ?? fileLocation(tables),
      `县级审批须完整填写才能发布调整:缺少 ${missing.join("、")}(三项都不填,则导入只记录为待审批的调整提议)`,
      "L3",
    );
  }
  const documentNo = info.text("documentNo");
  return {
    title: info.text("title") ?? `按 ${tables.source} 调整清单`,
    reason: info.text("reason") ?? `导入清单新版本(${tables.source}),按其与现行清单的差异调整`,
    trigger: {
      kind: kind ?? "WORK_NEED",
      reference: info.text("triggerReference") ?? documentNo ?? tables.source,
    },
    publishedOn: info.date("publishedOn", log),
    county:
      countyAuthority !== null && countyApprovedOn !== null && countyDocumentNo !== null
        ? {
            level: "COUNTY",
            authority: countyAuthority,
            approvedOn: countyApprovedOn,
            documentNo: countyDocumentNo,
          }
        : null,
    province:
      provinceAuthority !== null && provinceApprovedOn !== null
        ? {
            level: "PROVINCE",
            authority: provinceAuthority,
            approvedOn: provinceApprovedOn,
            documentNo: info.text("provinceDocumentNo"),
          }
        : null,
  };
}

function earliest(date: IsoDate, cap: IsoDate | null): IsoDate {
  return cap !== null && cap < date ? cap : date;
}

function adjustmentId(dataset: CountyDataset, date: IsoDate): string {
  const base = `${dataset.county.code}-IMP-${date}`;
  const taken = new Set([...dataset.adjustments.map((a) => a.id), ...dataset.publications.map((p) => p.id)]);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

interface Planned {
  readonly dataset: CountyDataset;
  readonly adjustment: Adjustment;
  readonly route: AdjustmentRoute;
}

/** A stored proposal, not yet approved or published, with exactly these changes. */
function pendingProposal(
  dataset: CountyDataset,
  changes: readonly AdjustmentChange[],
): Adjustment | undefined {
  const key = canonicalJson(changes);
  return dataset.adjustments.find(
    (a) => a.publication === null && a.approvals.length === 0 && canonicalJson(a.changes) === key,
  );
}

/**
 * Proposes one adjustment and, when the workbook states the county approval, approves and
 * publishes it; maps every refusal back to its rows. Without an approval the adjustment stays a
 * proposal (its 生效日期 named in its title) for the usual workflow to approve and publish.
 */
function planAdjustment(
  dataset: CountyDataset,
  date: IsoDate,
  planned: readonly PlannedChange[],
  terms: AdjustmentTerms,
  context: { readonly tables: WorkbookTables; readonly info: InfoValues; readonly proposedOn: IsoDate },
  log: IssueLog,
): Planned | undefined {
  const { tables, info } = context;
  const id = adjustmentId(dataset, date);
  const publishedOn = earliest(date, terms.publishedOn);
  const county = terms.county;
  const countyApproval: Approval | null =
    county === null ? null : { ...county, approvedOn: earliest(publishedOn, county.approvedOn) };
  const province =
    terms.province === null
      ? null
      : { ...terms.province, approvedOn: earliest(publishedOn, terms.province.approvedOn) };
  const proposedOn =
    countyApproval === null
      ? context.proposedOn
      : earliest(countyApproval.approvedOn, province?.approvedOn ?? null);
  const rowOf = (i: number) => planned[i]?.at ?? fileLocation(tables);
  const report = (errors: readonly DomainError[]) => {
    for (const error of errors) {
      if (error._tag === "CHANGE_CONFLICT") domainIssue(log, error, rowOf(error.changeIndex));
      else if (error._tag === "MISSING_APPROVAL") continue;
      else {
        const ids = violationEntryIds(error);
        const change = ids.map((e) => /#(\d+)$/.exec(e)?.[1]).find((n) => n !== undefined);
        domainIssue(
          log,
          error,
          change === undefined ? (info.at("title") ?? fileLocation(tables)) : rowOf(Number(change) - 1),
        );
      }
    }
  };
  const pending = countyApproval === null;
  const proposed = proposeAdjustment(dataset, {
    id,
    title: pending ? `${terms.title}(拟自 ${date} 起生效)` : terms.title,
    reason: terms.reason,
    trigger: terms.trigger,
    proposer: { kind: "COUNTY_GOVERNMENT" },
    proposedOn,
    changes: planned.map((p) => p.change),
  });
  if (!proposed.ok) return void report(proposed.errors);
  const route = proposed.value.route;
  if (countyApproval === null) return { ...proposed.value, route };
  let next = proposed.value.dataset;
  const approvals: Approval[] = [countyApproval];
  if (route.requiredApprovals.includes("PROVINCE")) {
    if (province === null) {
      for (const i of route.dutyAddingChanges)
        log.add(
          "DOMAIN",
          rowOf(i),
          `此行自 ${date} 起向乡镇(街道)增加职责,属职责准入,须经省级审批(规则L4):请在“清单信息”填写省级审批机关和省级审批日期`,
          "L4",
        );
      return undefined;
    }
    approvals.push(province);
  }
  for (const approval of approvals) {
    const approved = approveAdjustment(next, id, approval);
    if (!approved.ok) return void report(approved.errors);
    next = approved.value.dataset;
  }
  const published = publishAdjustment(next, id, { publishedOn, effectiveFrom: date });
  if (!published.ok) return void report(published.errors);
  return { dataset: published.value.dataset, adjustment: published.value.adjustment, route };
}

/**
 * Plans a workbook against a stored county: each difference becomes a change of an adjustment
 * from its date (L2, L3) — published when 清单信息 states the county approval, else proposed
 * only. Refused first, with what it would do: a workbook exported at an older revision than the
 * stored one (unless `allowStale`), and removals beyond the allowed share or of a whole list
 * (unless `confirmRemovals`).
 * @example adjustCounty(tables, info, demoCounty(), {}, log).kind // "UNCHANGED" for its own export
 */
export function adjustCounty(
  tables: WorkbookTables,
  info: InfoValues,
  stored: CountyDataset,
  options: CountyImportOptions,
  log: IssueLog,
): CountyImport {
  const refs: ReferenceData = readReferenceData(tables, stored.county.code, stored, log);
  const { rows, listTypes } = readListRows(tables, refs, info.date("effectiveFrom", log), log);
  const taskRows = readTaskRows(tables, refs, log) ?? [];
  const declaredAsOf = options.asOf ?? info.date("asOf", log);
  const terms = adjustmentTerms(tables, info, log);
  const workbookRevision = info.revision(log);
  if (log.size > 0) return { kind: "REJECTED", dataset: stored };
  const asOf = declaredAsOf ?? maxDate(rows.map((r) => r.effectiveFrom));
  const townships = refs.scope ?? [...new Set(rows.flatMap((r) => r.townshipCodes))];
  const infoAt = fileLocation(tables, SHEETS.info.name);
  const byDate =
    asOf === null
      ? new Map<IsoDate, PlannedChange[]>()
      : changesOfRows(
          stored,
          rows,
          { townships, listTypes },
          { date: asOf, at: info.at("asOf") ?? infoAt },
          log,
        );
  if (log.size > 0) return { kind: "REJECTED", dataset: stored };

  const dated: DatedChange[] = [...byDate.keys()]
    .sort()
    .flatMap((date) => (byDate.get(date) ?? []).map((p) => ({ date, change: p.change })));
  if (asOf !== null) {
    if (workbookRevision !== null && options.storedRevision !== undefined && options.allowStale !== true)
      checkStaleWorkbook(
        stored,
        dated,
        taskRows,
        {
          workbook: workbookRevision,
          stored: options.storedRevision,
          asOf,
          at: info.at("revision") ?? infoAt,
        },
        log,
      );
    checkMassRemoval(
      stored,
      dated,
      {
        asOf,
        maxShare: options.maxRemovalShare ?? DEFAULT_MAX_REMOVAL_SHARE,
        confirmed: options.confirmRemovals === true,
        at: (type) => fileLocation(tables, SHEETS[LIST_SHEETS[type]].name),
      },
      log,
    );
  }
  if (log.size > 0) return { kind: "REJECTED", dataset: stored };

  let dataset = stored;
  const adjustments: Adjustment[] = [];
  const routes: AdjustmentRoute[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const changes = byDate.get(date) ?? [];
    // The same workbook imported again while its proposal awaits approval proposes nothing new.
    if (
      terms.county === null &&
      pendingProposal(
        dataset,
        changes.map((p) => p.change),
      ) !== undefined
    )
      continue;
    const proposedOn = options.proposedOn ?? asOf ?? date;
    const planned = planAdjustment(dataset, date, changes, terms, { tables, info, proposedOn }, log);
    if (planned === undefined) continue;
    dataset = planned.dataset;
    adjustments.push(planned.adjustment);
    routes.push(planned.route);
  }
  const tasks = applyTasks(dataset, taskRows, log);
  if (log.size > 0) return { kind: "REJECTED", dataset: stored };
  if (adjustments.length === 0 && tasks.registered === 0 && tasks.closed === 0)
    return { kind: "UNCHANGED", dataset: stored };
  return {
    kind: "ADJUST",
    before: stored,
    dataset: tasks.dataset,
    adjustments,
    routes,
    pending: terms.county === null && adjustments.length > 0,
    registeredTasks: tasks.registered,
    closedTasks: tasks.closed,
  };
}
