import {
  type AssessmentReport,
  assess,
  compressionOfCounts,
  isoDate,
  ROLE_NAMES,
  roundForPresentation,
  validateAssessmentPlan,
  whatIf,
} from "@dutylist/core";
import {
  DEMO_CASES,
  demoAssessmentPlan,
  demoCounty,
  demoPreviousPlanCounts,
  generateRecords,
} from "@dutylist/core/testing";
import { LIST_TYPE_LABELS } from "./render.ts";
import { renderTable } from "./text-table.ts";

const show = roundForPresentation;

function renderRanking(report: AssessmentReport): string {
  return renderTable(
    ["名次", "乡镇(街道)", "核心得分", "协同得分", "总分", "等次", "排除记录"],
    report.townships.map((t) => [
      String(t.rank),
      t.name,
      show(t.assessment.core.score),
      show(t.assessment.collaborative.score),
      show(t.assessment.total),
      t.grade,
      String(t.assessment.excluded.length),
    ]),
  );
}

function renderDepartments(report: AssessmentReport): string {
  return renderTable(
    ["名次", "县级部门", "得分", "满分", "适用分值", "等次"],
    report.departments.map((d) => [
      String(d.rank),
      d.name,
      show(d.assessment.total),
      show(d.assessment.planPoints),
      show(d.assessment.applicablePoints),
      d.grade,
    ]),
  );
}

/** The demo county's 2025 assessment: plan check, compression, ranking, departments, one what-if. */
export function runAssessmentDemo(write: (text: string) => void): number {
  const dataset = demoCounty();
  const plan = demoAssessmentPlan();
  const records = generateRecords(plan, dataset, { seed: 2025 });
  const validation = validateAssessmentPlan(plan, dataset);
  write(`考核方案:${plan.title}(${plan.year}年),${validation.valid ? "通过校验" : "未通过校验"}\n`);
  for (const issue of validation.issues)
    write(`  ${issue.severity === "ERROR" ? "✗" : "!"} ${issue.message}(规则${issue.ruleId})\n`);
  const first = compressionOfCounts(demoPreviousPlanCounts.firstLevel, plan.firstLevel.length);
  const second = compressionOfCounts(demoPreviousPlanCounts.secondLevel, plan.indicators.length);
  write(
    `指标压减(规则S10):一级 ${first.previous}→${first.current},压减 ${first.ratePercent}%;二级 ${second.previous}→${second.current},压减 ${second.ratePercent}%\n\n`,
  );

  const report = assess(plan, dataset, records);
  write(
    `乡镇考核结果(${records.performance.length} 条记录,排除 ${report.scored.excluded.length} 条):\n${renderRanking(report)}\n\n`,
  );
  for (const t of report.townships) write(`  ${t.summary}\n`);
  write(`\n部门考核结果:\n${renderDepartments(report)}\n\n`);

  const scenario = {
    description: "自2025年7月1日起将白沙镇森林防火收回县林业局",
    effectiveFrom: isoDate("2025-07-01"),
    changes: [
      {
        kind: "RECLASSIFY" as const,
        townshipCode: "QX-BS",
        itemCode: "LY-001",
        terms: { type: "RECLAIMED" as const, receivingDepartment: "LYJ", wayOfWorking: "发现火情及时报告" },
      },
    ],
  };
  const failures = [
    ...DEMO_CASES.map((c) => c.failure),
    {
      townshipCode: "QX-BS",
      date: isoDate("2025-10-15"),
      subject: { kind: "ITEM" as const, itemCode: "LY-001" },
      findings: { townshipAtFault: true, withinCooperationContent: true },
    },
  ];
  const simulated = whatIf(plan, dataset, records, scenario, failures);
  if (!simulated.ok) {
    write(`模拟测算失败:${simulated.errors.map((e) => e.message).join("; ")}\n`);
    return 1;
  }
  const outcome = simulated.value;
  write(`模拟测算:${scenario.description}(${outcome.route.reason})\n`);
  const townshipNames = new Map(dataset.townships.map((t) => [t.code, t.name]));
  const departmentNames = new Map(dataset.departments.map((d) => [d.code, d.name]));
  const moved = outcome.townships.filter((t) => !t.total.delta.isZero());
  write(
    `${renderTable(
      ["乡镇(街道)", "协同得分(前)", "协同得分(后)", "总分(前)", "总分(后)", "变化"],
      moved.map((t) => [
        townshipNames.get(t.townshipCode) ?? t.townshipCode,
        show(t.collaborative.before),
        show(t.collaborative.after),
        show(t.total.before),
        show(t.total.after),
        show(t.total.delta),
      ]),
    )}\n`,
  );
  const movedDepartments = outcome.departments.filter((d) => !d.delta.isZero());
  for (const d of movedDepartments)
    write(
      `  ${departmentNames.get(d.code) ?? d.code}:${show(d.before)} → ${show(d.after)}(按模拟后的清单,新承接事项尚无考核记录)\n`,
    );
  for (const c of outcome.changedDeterminations) {
    const roles = (d: typeof c.before) =>
      d.parties.map((p) => `${p.party.name}${ROLE_NAMES[p.role]}`).join("、");
    write(
      `  责任认定将改变:${townshipNames.get(c.failure.townshipCode) ?? c.failure.townshipCode} ${c.failure.date} ` +
        `${LIST_TYPE_LABELS[c.before.listType]}(${roles(c.before)})→ ${LIST_TYPE_LABELS[c.after.listType]}(${roles(c.after)})\n`,
    );
  }
  return 0;
}
