import { describe, expect, it } from "vitest";
import { proposeAdjustment } from "../adjustments/adjustment-workflow.ts";
import { validateAssessmentPlan } from "../assessment/plan-validation.ts";
import { isoDate } from "../base/calendar-date.ts";
import { registerTemporaryTask } from "../ledger/task-registration.ts";
import { demoAssessmentPlan, demoCounty } from "../testing/index.ts";
import { buildListIndex } from "./list-index.ts";
import { findResemblances, textSimilarity } from "./resemblance.ts";

const base = demoCounty();
const index = buildListIndex(base.entries);
const date = isoDate("2025-10-01");

describe("L6 disguised re-imposition (明减暗增)", () => {
  it("text similarity is 1 for the same text, 0 for nothing shared, and ignores punctuation", () => {
    expect(textSimilarity("违法建设查处", "违法建设查处")).toBe(1);
    expect(textSimilarity("违法建设查处", "森林防火")).toBe(0);
    expect(textSimilarity("“九小场所”消防检查", "九小场所消防检查")).toBe(1);
  });

  it("L6: the same tasks under a new name are flagged against the reclaimed item", () => {
    const flags = findResemblances(
      [
        {
          ref: "P1",
          townshipCodes: ["QX-BS"],
          itemCodes: ["NEW"],
          name: "农村建房秩序整治",
          tasks: ["查处未取得乡村建设规划许可证进行建设的行为", "责令停止建设、限期改正"],
        },
      ],
      index,
      date,
    );
    expect(flags).toEqual([
      expect.objectContaining({
        ruleId: "L6",
        proposalRef: "P1",
        townshipCode: "QX-BS",
        itemCode: "CJ-002",
        matchedOn: "TASKS",
        similarity: 1,
      }),
    ]);
  });

  it("L6: a renamed item is flagged on its name; an unrelated one is not", () => {
    const proposals = [
      { ref: "P2", townshipCodes: ["QX-SM"], itemCodes: [], name: "非法占用土地查处", tasks: [] },
      { ref: "P3", townshipCodes: ["QX-SM"], itemCodes: [], name: "文艺汇演组织", tasks: ["组织文艺汇演"] },
    ];
    const flags = findResemblances(proposals, index, date);
    expect(flags.map((f) => [f.proposalRef, f.itemCode, f.matchedOn])).toEqual([["P2", "ZR-002", "NAME"]]);
    expect(findResemblances(proposals, index, date, { threshold: 0.95 })).toEqual([]);
  });

  // L6 (明减暗增): a department re-imposing a reclaimed item under a new name, or adding duties "as
  // cooperation work" — anything proposed to a township is compared with what was reclaimed anywhere.
  it("L6: the probe — a plan indicator renamed 非法占用土地行政处罚 is flagged for review when the plan is validated", () => {
    const plan = demoAssessmentPlan();
    const renamed = {
      ...plan,
      indicators: plan.indicators.map((i) =>
        i.code === "T04-1" ? { ...i, name: "非法占用土地行政处罚" } : i,
      ),
    };
    const result = validateAssessmentPlan(renamed, base);
    const flagged = result.issues.filter((i) => i.code === "RESEMBLES_RECLAIMED");
    expect(flagged).toEqual([
      {
        indicatorCode: "T04-1",
        code: "RESEMBLES_RECLAIMED",
        severity: "WARNING",
        ruleId: "L6",
        message: expect.stringContaining("ZR-002「非法占用土地行政处罚」相似度 100%,疑似明减暗增"),
        itemCodes: ["ZR-002"],
        townshipCodes: [],
      },
    ]);
    // a flag for review, not a refusal
    expect(result.valid).toBe(true);
    expect(validateAssessmentPlan(plan, base).issues.some((i) => i.code === "RESEMBLES_RECLAIMED")).toBe(
      false,
    );
  });

  it("L6: a proposal to one township is compared with items reclaimed in any township of the county", () => {
    // CJ-001 (占道经营管理) is reclaimed only in 城关镇 and 青溪街道 from 1 July; 白沙镇 still does it.
    const toBaisha = {
      ref: "P5",
      townshipCodes: ["QX-BS"],
      itemCodes: [],
      name: "占道经营管理整治",
      tasks: [],
    };
    expect(findResemblances([toBaisha], index, isoDate("2025-07-01"))).toEqual([
      expect.objectContaining({
        ruleId: "L6",
        proposalRef: "P5",
        townshipCode: "QX-CG",
        itemCode: "CJ-001",
        receivingDepartment: "ZHZFJ",
        matchedOn: "NAME",
        message: expect.stringContaining("乡镇 QX-CG 等 2 个乡镇 已收回至 ZHZFJ 的事项 CJ-001"),
      }),
    ]);
  });

  it("L6: duties added as cooperation work — a cooperative entry whose cooperation content is a reclaimed item's tasks — are flagged", () => {
    const proposed = proposeAdjustment(base, {
      id: "T-L6-COOP",
      title: "新增配合事项",
      reason: "部门要求",
      trigger: { kind: "WORK_NEED", reference: "部门工作需要" },
      proposer: { kind: "DEPARTMENT", departmentCode: "ZRZYJ" },
      proposedOn: date,
      recordedOn: date,
      changes: [
        {
          kind: "ADD",
          townshipCode: "QX-TY",
          itemCode: "NEW-ZR",
          terms: {
            type: "COOPERATIVE",
            leadDepartments: ["ZRZYJ"],
            departmentDuty: "组织土地执法",
            cooperationContent: ["查处未经批准非法占用土地的行为"],
            guarantees: [],
          },
          content: {
            category: "自然资源",
            name: "国土资源协同管理",
            tasks: ["协同开展国土资源管理"],
            basis: [],
          },
        },
      ],
    });
    if (!proposed.ok) throw new Error("proposal refused");
    expect(
      proposed.value.resemblances.map((f) => [f.townshipCode, f.itemCode, f.matchedOn, f.similarity]),
    ).toEqual([["QX-TY", "ZR-002", "COOPERATION_CONTENT", 1]]);
    expect(proposed.value.resemblances[0]?.message).toContain("的配合内容与");
  });

  it("L6: proposals are compared with what was reclaimed by then", () => {
    const proposal = {
      ref: "P4",
      townshipCodes: ["QX-CG"],
      itemCodes: [],
      name: "占道经营管理整治",
      tasks: [],
    };
    expect(findResemblances([proposal], index, isoDate("2025-06-30"))).toEqual([]);
    expect(findResemblances([proposal], index, isoDate("2025-07-01")).map((f) => f.itemCode)).toEqual([
      "CJ-001",
    ]);
  });

  it("L6: proposing an adjustment or registering a task that resembles a reclaimed item returns the flag", () => {
    const proposed = proposeAdjustment(base, {
      id: "T-L6",
      title: "新增",
      reason: "部门要求",
      trigger: { kind: "WORK_NEED", reference: "部门工作需要" },
      proposer: { kind: "DEPARTMENT", departmentCode: "SCJGJ" },
      proposedOn: date,
      recordedOn: date,
      changes: [
        {
          kind: "ADD",
          townshipCode: "QX-TY",
          itemCode: "NEW-SC",
          terms: {
            type: "COOPERATIVE",
            leadDepartments: ["SCJGJ"],
            departmentDuty: "监管",
            cooperationContent: ["配合查处"],
            guarantees: [],
          },
          content: {
            category: "市场监管",
            name: "食品生产经营违法行为查处配合",
            tasks: ["查处食品生产经营违法行为"],
            basis: [],
          },
        },
      ],
    });
    expect(proposed.ok && proposed.value.resemblances.map((f) => [f.townshipCode, f.itemCode])).toEqual([
      ["QX-TY", "SC-001"],
    ]);
    const registered = registerTemporaryTask(base, {
      id: "TT-L6",
      decision: {
        authority: "COUNTY_GOVERNMENT",
        documentNo: "青政发〔2025〕1号",
        title: "《方案》",
        decidedOn: date,
      },
      requestingDepartment: "ZRZYJ",
      townshipCodes: ["QX-SM"],
      content: "非法占用土地行政处罚",
      townshipRole: "LEAD",
      startsOn: date,
      plannedEndOn: isoDate("2025-12-31"),
      registeredOn: date,
      recordedOn: date,
    });
    expect(registered.ok && registered.value.resemblances.map((f) => f.itemCode)).toEqual(["ZR-002"]);
  });
});
