import {
  type Adjustment,
  type AdjustmentChange,
  type AdjustmentRoute,
  type Approval,
  approveAdjustment,
  type CountyDataset,
  canonicalJson,
  type DomainError,
  type IsoDate,
  proposeAdjustment,
  publishAdjustment,
} from "@dutylist/core";
import { changesOfRows, type PlannedChange } from "./adjustment-changes.ts";
import { type AdjustmentTerms, adjustmentTerms, type StatedApproval } from "./adjustment-terms.ts";
import type { CountyImport, CountyImportOptions } from "./county-import-plan.ts";
import { SHEETS } from "./format.ts";
import {
  checkMassRemoval,
  checkStaleWorkbook,
  type DatedChange,
  DEFAULT_MAX_REMOVAL_SHARE,
} from "./import-safeguards.ts";
import { applyTasks, domainIssue, fileLocation, maxDate, violationEntryIds } from "./import-support.ts";
import type { InfoValues } from "./info-sheet.ts";
import { LIST_SHEETS, readListRows } from "./list-rows.ts";
import { type ReferenceData, readReferenceData } from "./reference-sheets.ts";
import type { IssueLog } from "./sheet-reader.ts";
import type { CellLocation, WorkbookTables } from "./sheet-table.ts";
import { readTaskRows } from "./task-rows.ts";

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

/** Logs the core's refusals of a planned adjustment at the rows of the changes they name. */
function reportRefusals(
  errors: readonly DomainError[],
  rowOf: (change: number) => CellLocation,
  fallback: CellLocation,
  log: IssueLog,
): void {
  for (const error of errors) {
    if (error._tag === "CHANGE_CONFLICT") domainIssue(log, error, rowOf(error.changeIndex));
    else if (error._tag === "MISSING_APPROVAL") continue;
    else {
      const ids = violationEntryIds(error);
      const change = ids.map((e) => /#(\d+)$/.exec(e)?.[1]).find((n) => n !== undefined);
      domainIssue(log, error, change === undefined ? fallback : rowOf(Number(change) - 1));
    }
  }
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
  context: {
    readonly tables: WorkbookTables;
    readonly info: InfoValues;
    readonly proposedOn: IsoDate;
    /** Knowledge time (L2): the import's day; absent, each change's own date. */
    readonly recordedOn: IsoDate | undefined;
  },
  log: IssueLog,
): Planned | undefined {
  const { tables, info } = context;
  const id = adjustmentId(dataset, date);
  const publishedOn = earliest(date, terms.publishedOn);
  const county = terms.county;
  const countyApproval: StatedApproval | null =
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
  const report = (errors: readonly DomainError[]) =>
    reportRefusals(errors, rowOf, info.at("title") ?? fileLocation(tables), log);
  const pending = countyApproval === null;
  const proposed = proposeAdjustment(dataset, {
    id,
    title: pending ? `${terms.title}(拟自 ${date} 起生效)` : terms.title,
    reason: terms.reason,
    trigger: terms.trigger,
    proposer: { kind: "COUNTY_GOVERNMENT" },
    proposedOn,
    recordedOn: context.recordedOn ?? proposedOn,
    changes: planned.map((p) => p.change),
  });
  if (!proposed.ok) return void report(proposed.errors);
  const route = proposed.value.route;
  if (countyApproval === null) return { ...proposed.value, route };
  let next = proposed.value.dataset;
  const recorded = (approval: StatedApproval): Approval => ({
    ...approval,
    recordedOn: context.recordedOn ?? approval.approvedOn,
  });
  const approvals: Approval[] = [recorded(countyApproval)];
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
    approvals.push(recorded(province));
  }
  for (const approval of approvals) {
    const approved = approveAdjustment(next, id, approval);
    if (!approved.ok) return void report(approved.errors);
    next = approved.value.dataset;
  }
  const published = publishAdjustment(next, id, {
    publishedOn,
    effectiveFrom: date,
    recordedOn: context.recordedOn ?? publishedOn,
  });
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
  // Rows of a stored pending proposal (来源 = its id, as a history export writes them) are the
  // changes it asks for, already recorded: not a version of the lists.
  const pending = new Set(stored.adjustments.filter((a) => a.publication === null).map((a) => a.id));
  const read = readListRows(tables, refs, info.date("effectiveFrom", log), log, pending);
  const rows = read.rows.filter((r) => r.openedBy === null || !pending.has(r.openedBy));
  const listTypes = read.listTypes;
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

  if (asOf !== null)
    checkSafeguards(stored, byDate, taskRows, { asOf, workbookRevision, options, tables, info }, log);
  if (log.size > 0) return { kind: "REJECTED", dataset: stored };

  const { dataset, adjustments, routes } = recordAdjustments(
    stored,
    byDate,
    terms,
    {
      tables,
      info,
      proposedOn: options.proposedOn ?? asOf,
      recordedOn: options.recordedOn,
    },
    log,
  );
  const tasks = applyTasks(dataset, taskRows, log, options.recordedOn);
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

/** What the safeguards read besides the changes: the dates, revisions, flags and where to point. */
interface SafeguardContext {
  readonly asOf: IsoDate;
  readonly workbookRevision: bigint | null;
  readonly options: CountyImportOptions;
  readonly tables: WorkbookTables;
  readonly info: InfoValues;
}

/** Refuses a stale workbook (unless allowed) and removals past the share (unless confirmed). */
function checkSafeguards(
  stored: CountyDataset,
  byDate: ReadonlyMap<IsoDate, readonly PlannedChange[]>,
  taskRows: Parameters<typeof checkStaleWorkbook>[2],
  { asOf, workbookRevision, options, tables, info }: SafeguardContext,
  log: IssueLog,
): void {
  const infoAt = fileLocation(tables, SHEETS.info.name);
  const dated: DatedChange[] = [...byDate.keys()]
    .sort()
    .flatMap((date) => (byDate.get(date) ?? []).map((p) => ({ date, change: p.change })));
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

/**
 * Proposes (and, with the workbook's county approval, approves and publishes) one adjustment per
 * effective date, in date order; a proposal already pending for the same changes is not repeated.
 */
function recordAdjustments(
  stored: CountyDataset,
  byDate: ReadonlyMap<IsoDate, readonly PlannedChange[]>,
  terms: AdjustmentTerms,
  where: {
    readonly tables: WorkbookTables;
    readonly info: InfoValues;
    readonly proposedOn: IsoDate | null | undefined;
    readonly recordedOn: IsoDate | undefined;
  },
  log: IssueLog,
): { dataset: CountyDataset; adjustments: Adjustment[]; routes: AdjustmentRoute[] } {
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
    const planned = planAdjustment(
      dataset,
      date,
      changes,
      terms,
      {
        tables: where.tables,
        info: where.info,
        proposedOn: where.proposedOn ?? date,
        recordedOn: where.recordedOn,
      },
      log,
    );
    if (planned === undefined) continue;
    dataset = planned.dataset;
    adjustments.push(planned.adjustment);
    routes.push(planned.route);
  }
  return { dataset, adjustments, routes };
}
