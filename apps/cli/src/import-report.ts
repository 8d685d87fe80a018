import type { Adjustment, AdjustmentChange, AdjustmentRoute, CountyDataset } from "@dutylist/core";
import type { ImportCheck } from "@dutylist/import";
import type { ImportWritten } from "@dutylist/store";
import { formatLocation, LIST_SHEETS, type PlanWarning, SHEETS } from "@dutylist/workbook";
import { issuesJson } from "./issue-report.ts";
import { renderTable } from "./text-table.ts";

const CHANGE_NAMES: Readonly<Record<AdjustmentChange["kind"], string>> = {
  ADD: "新增",
  REMOVE: "取消",
  RECLASSIFY: "调整类型",
  AMEND: "修改",
};

function changeCounts(adjustment: Adjustment): Record<AdjustmentChange["kind"], number> {
  const counts = { ADD: 0, REMOVE: 0, RECLASSIFY: 0, AMEND: 0 };
  for (const change of adjustment.changes) counts[change.kind]++;
  return counts;
}

const ROUTE_NAMES: Readonly<Record<AdjustmentRoute["route"], string>> = {
  ACCESS: "职责准入(县级、省级审批)",
  DYNAMIC: "动态调整(县级审批)",
};

/** One line per change: township, item, what happens (and to which list). */
function changeLines(dataset: CountyDataset, adjustment: Adjustment): string[] {
  const townships = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const items = new Map(dataset.items.map((i) => [i.code, i.content.name]));
  return adjustment.changes.map((c) => {
    const township = `${townships.get(c.townshipCode) ?? c.townshipCode}(${c.townshipCode})`;
    const item = `${c.itemCode}${items.has(c.itemCode) ? ` ${items.get(c.itemCode)}` : ""}`;
    const list =
      c.kind === "REMOVE" || c.terms === undefined ? "" : `→ ${SHEETS[LIST_SHEETS[c.terms.type]].name}`;
    return `      ${CHANGE_NAMES[c.kind]} ${township} ${item} ${list}`.trimEnd();
  });
}

/** The workflow a pending proposal goes through, as the report says it. */
const PENDING_NOTE =
  "清单信息未载明县级审批(县级审批机关、县级审批日期、县级审批文号),以上调整仅记录为待审批的提议," +
  "清单不变;须经审批(API approveAdjustment)并发布(publishAdjustment,指定生效日期)后生效。";

function warningText(warning: PlanWarning): string {
  return `${formatLocation(warning.location)}:${warning.message}`;
}

function adjustmentsOf(check: ImportCheck): readonly Adjustment[] {
  return check.county.kind === "ADJUST" ? check.county.adjustments : [];
}

/** What the import does, as one summary per part: the county, the plan, the records. */
export interface ImportSummary {
  readonly county: "CREATED" | "ADJUSTED" | "UNCHANGED" | "NONE" | "REJECTED";
  readonly plan: "SAVED" | "REPLACED" | "UNCHANGED" | "NONE";
  readonly records: {
    readonly new: { readonly performance: number; readonly ratings: number };
    readonly unchanged: { readonly performance: number; readonly ratings: number };
  };
}

/**
 * The parts of a clean check as the import will write them.
 * @example summarize(check).county // "CREATED"
 */
export function summarize(check: ImportCheck): ImportSummary {
  const kind = check.county.kind;
  const county = kind === "CREATE" ? "CREATED" : kind === "ADJUST" ? "ADJUSTED" : kind;
  const a = check.assessment;
  const plan =
    a === null || !check.hasPlanSheet
      ? "NONE"
      : a.planToSave === null
        ? "UNCHANGED"
        : check.storedPlan?.year === a.planToSave.year
          ? "REPLACED"
          : "SAVED";
  return {
    county,
    plan,
    records: {
      new: {
        performance: a?.newPerformance.length ?? 0,
        ratings: a?.newRatings.length ?? 0,
      },
      unchanged: a?.unchanged ?? { performance: 0, ratings: 0 },
    },
  };
}

/**
 * What the import did (or, with `--dry-run`, would do), as lines of text.
 * @example renderImport(check, false) // "县 青溪县(QX):已创建,5 个乡镇(街道)…"
 */
export function renderImport(check: ImportCheck, dryRun: boolean): string {
  const summary = summarize(check);
  const will = (done: string, planned: string) => (dryRun ? planned : done);
  const lines: string[] = [];
  const c = check.county;
  switch (c.kind) {
    case "CREATE": {
      const d = c.dataset;
      lines.push(
        `县 ${d.county.name}(${d.county.code}):${will("已创建", "将创建")},${d.townships.length} 个乡镇(街道)、` +
          `${d.departments.length} 个部门、${d.items.length} 个事项、${d.entries.length} 条清单条目、` +
          `${d.temporaryTasks.length} 项临时任务`,
      );
      break;
    }
    case "ADJUST": {
      lines.push(
        `县 ${c.dataset.county.name}(${c.dataset.county.code}):${will("已记录", "将记录")} ${c.adjustments.length} 项调整${c.pending ? "提议(待审批)" : ""}` +
          `${c.registeredTasks + c.closedTasks > 0 ? `,临时任务登记 ${c.registeredTasks} 项、销号 ${c.closedTasks} 项` : ""}`,
      );
      if (c.adjustments.length > 0) lines.push(...adjustmentLines(check, c, dryRun));
      break;
    }
    case "UNCHANGED":
      lines.push(`县 ${c.dataset.county.name}(${c.dataset.county.code}):清单与库中一致,无变动`);
      break;
    case "NONE":
    case "REJECTED":
      break;
  }
  const plan = check.assessment?.planToSave ?? check.storedPlan;
  if (summary.plan !== "NONE" && plan != null) {
    const what = {
      SAVED: will("已保存", "将保存"),
      REPLACED: will("已替换", "将替换"),
      UNCHANGED: "与库中一致",
      NONE: "",
    };
    lines.push(
      `考核方案 ${plan.id}(${plan.year}年,${plan.indicators.length} 个二级指标):${what[summary.plan]}`,
    );
  }
  if (check.assessment !== null) {
    const { new: fresh, unchanged } = summary.records;
    lines.push(
      `考核记录:新增 ${fresh.performance} 条、已在库中 ${unchanged.performance} 条;` +
        `双向评价:新增 ${fresh.ratings} 条、已在库中 ${unchanged.ratings} 条`,
    );
  }
  for (const w of check.warnings) lines.push(`提示:${warningText(w)}(规则${w.ruleId})`);
  if (dryRun) lines.push("试运行(--dry-run):未写入任何数据。");
  return lines.join("\n");
}

/**
 * The JSON document of an import: what it did part by part, warnings and issues.
 * @example importJson(check, { dryRun: false, written: null }).county.action // "UNCHANGED"
 */
export function importJson(check: ImportCheck, options: { dryRun: boolean; written: ImportWritten | null }) {
  const summary = summarize(check);
  const c = check.county;
  return {
    ok: check.issues.length === 0,
    dryRun: options.dryRun,
    county: {
      code: check.countyCode,
      action: summary.county,
      pending: c.kind === "ADJUST" && c.pending,
      adjustments: adjustmentsOf(check).map((a, i) => ({
        id: a.id,
        title: a.title,
        status: a.publication === null ? "PROPOSED" : "PUBLISHED",
        route: c.kind === "ADJUST" ? (c.routes[i]?.route ?? null) : null,
        proposedOn: a.proposedOn,
        effectiveFrom: a.publication?.effectiveFrom ?? null,
        publishedOn: a.publication?.publishedOn ?? null,
        changes: a.changes.length,
        byKind: changeCounts(a),
        list: a.changes.map((change) => ({
          kind: change.kind,
          townshipCode: change.townshipCode,
          itemCode: change.itemCode,
        })),
      })),
      registeredTasks: c.kind === "ADJUST" ? c.registeredTasks : 0,
      closedTasks: c.kind === "ADJUST" ? c.closedTasks : 0,
      written: options.written?.county ?? null,
    },
    plan: {
      id: summary.plan === "NONE" ? null : ((check.assessment?.planToSave ?? check.storedPlan)?.id ?? null),
      year:
        summary.plan === "NONE" ? null : ((check.assessment?.planToSave ?? check.storedPlan)?.year ?? null),
      action: summary.plan,
    },
    records: { ...summary.records, written: options.written?.records ?? null },
    warnings: check.warnings.map((w) => ({ ...w, text: warningText(w) })),
    issues: issuesJson(check.issues),
  };
}

/** The adjustments an import recorded (or would record): a table, and with a dry run every change. */
function adjustmentLines(
  check: ImportCheck,
  c: Extract<ImportCheck["county"], { kind: "ADJUST" }>,
  dryRun: boolean,
): string[] {
  const out: string[] = [];
  const rows = adjustmentsOf(check).map((a) => {
    const n = changeCounts(a);
    return [
      a.id,
      a.publication?.effectiveFrom ?? "—",
      a.publication?.publishedOn ?? "—",
      String(a.changes.length),
      (Object.keys(n) as AdjustmentChange["kind"][])
        .filter((k) => n[k] > 0)
        .map((k) => `${CHANGE_NAMES[k]} ${n[k]}`)
        .join("、"),
    ];
  });
  out.push(
    renderTable(["调整", "生效日期", "发布日期", "变动", "其中"], rows)
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n"),
  );
  // A dry run shows every change, so that what the import would do can be read before it does.
  if (dryRun)
    c.adjustments.forEach((a, i) => {
      const route = c.routes[i];
      out.push(
        `  ${a.id}(${a.publication === null ? `提议于 ${a.proposedOn},待审批` : `自 ${a.publication.effectiveFrom} 起`};${route === undefined ? "" : ROUTE_NAMES[route.route]}):${a.title}`,
        ...changeLines(c.dataset, a),
      );
    });
  if (c.pending) out.push(PENDING_NOTE);
  return out;
}
