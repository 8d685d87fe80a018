import type { Adjustment, AdjustmentChange } from "@dutylist/core";
import type { ImportWritten } from "@dutylist/store";
import { formatLocation, type PlanWarning } from "@dutylist/workbook";
import type { ImportCheck } from "./import-check.ts";
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
        `县 ${c.dataset.county.name}(${c.dataset.county.code}):${will("已记录", "将记录")} ${c.adjustments.length} 项调整` +
          `${c.registeredTasks + c.closedTasks > 0 ? `,临时任务登记 ${c.registeredTasks} 项、销号 ${c.closedTasks} 项` : ""}`,
      );
      if (c.adjustments.length > 0) {
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
        lines.push(
          renderTable(["调整", "生效日期", "发布日期", "变动", "其中"], rows)
            .split("\n")
            .map((l) => `  ${l}`)
            .join("\n"),
        );
      }
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
      adjustments: adjustmentsOf(check).map((a) => ({
        id: a.id,
        effectiveFrom: a.publication?.effectiveFrom ?? null,
        publishedOn: a.publication?.publishedOn ?? null,
        changes: a.changes.length,
        byKind: changeCounts(a),
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
