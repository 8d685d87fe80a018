import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import { prepareDeterminations } from "../engine/determination-context.ts";
import { demoCounty } from "../testing/index.ts";
import type { Determination } from "./determination.ts";
import type { Findings } from "./failure-case.ts";
import { determineResponsibility } from "./responsibility.ts";

const context = prepareDeterminations(demoCounty());

function determine(
  townshipCode: string,
  date: string,
  subject: string,
  findings: Findings = {},
): Determination {
  const result = determineResponsibility(context, {
    townshipCode,
    date: isoDate(date),
    subject: subject.includes("-")
      ? { kind: "ITEM", itemCode: subject }
      : { kind: "MATTER", description: subject },
    findings,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value;
}

/** `code → role [rule ids]`, for compact assertions on every party. */
function roles(determination: Determination): Record<string, string> {
  return Object.fromEntries(
    determination.parties.map((p) => [p.party.code, `${p.role} ${p.ruleIds.join(",")}`]),
  );
}

function party(determination: Determination, code: string) {
  const found = determination.parties.find((p) => p.party.code === code);
  if (found === undefined) throw new Error(`no party ${code}`);
  return found;
}

describe("A1 basic item", () => {
  it("A1: the township is PRIMARY and a department named is NONE, citing the basic entry and its basis", () => {
    const d = determine("QX-CG", "2025-03-15", "MS-001", {
      townshipAtFault: true,
      otherDepartments: ["MZJ"],
    });
    expect(d.listType).toBe("BASIC");
    expect(roles(d)).toEqual({ "QX-CG": "PRIMARY A1", MZJ: "NONE A1" });
    const township = party(d, "QX-CG");
    expect(township.citations).toEqual([
      {
        itemCode: "MS-001",
        itemName: "最低生活保障申请受理和审核",
        listType: "BASIC",
        sourceId: "QX-CG/MS-001",
        effectiveFrom: "2025-01-01",
        effectiveTo: null,
        basis: [{ document: "《社会救助暂行办法》", article: "第十一条" }],
        listVersion: { townshipCode: "QX-CG", number: 1, changeId: "QX-2025", effectiveFrom: "2025-01-01" },
      },
    ]);
    expect(township.reason).toBeNull();
    expect(township.explanation).toContain("基本履职事项");
    expect(township.explanation).toContain("(规则A1)");
    expect(party(d, "MZJ").reason).toContain("部门不承担责任");
  });
});

describe("A2 cooperative item", () => {
  it("A2: the lead department is PRIMARY and the township SECONDARY for its fault within its cooperation content", () => {
    const d = determine("QX-CG", "2025-05-10", "PA-002", {
      townshipAtFault: true,
      withinCooperationContent: true,
    });
    expect(d.listType).toBe("COOPERATIVE");
    expect(roles(d)).toEqual({ "QX-CG": "SECONDARY A2", XFJY: "PRIMARY A2" });
    expect(party(d, "QX-CG").explanation).toBe(
      "该事项属于配合履职事项「“九小场所”消防安全检查」(PA-002,自2025-01-01起列入),牵头部门为县消防救援大队;" +
        "城关镇在配合范围内存在过错,对过错部分承担次要责任(规则A2)。",
    );
    expect(party(d, "XFJY").citations[0]).toMatchObject({
      itemCode: "PA-002",
      listType: "COOPERATIVE",
      sourceId: "QX-CG/PA-002",
    });
  });

  it("A2: a failure outside the cooperation content leaves the township NONE, with the reason", () => {
    const d = determine("QX-CG", "2025-05-10", "PA-002", {
      townshipAtFault: true,
      withinCooperationContent: false,
    });
    expect(roles(d)).toEqual({ "QX-CG": "NONE A2", XFJY: "PRIMARY A2" });
    expect(party(d, "QX-CG").reason).toContain("不在清单载明的乡镇配合内容范围内");
  });

  it("A2: every lead department of an item led by several is PRIMARY", () => {
    const d = determine("QX-TY", "2025-02-01", "MS-002", {
      townshipAtFault: true,
      withinCooperationContent: true,
    });
    expect(roles(d)).toEqual({ "QX-TY": "SECONDARY A2", SCJGJ: "PRIMARY A2", WJW: "PRIMARY A2" });
  });
});

describe("A3 reclaimed item", () => {
  it("A3: the receiving department is PRIMARY; the township NONE even when argued as 属地管理", () => {
    const d = determine("QX-SM", "2025-06-01", "ZR-002", { territorialClaim: true, townshipAtFault: true });
    expect(d.listType).toBe("RECLAIMED");
    expect(roles(d)).toEqual({ "QX-SM": "NONE A3", ZRZYJ: "PRIMARY A3" });
    expect(party(d, "QX-SM").reason).toContain("以属地管理为由要求乡镇担责的不予支持");
    expect(party(d, "QX-SM").citations[0]).toMatchObject({
      itemCode: "ZR-002",
      listType: "RECLAIMED",
      effectiveTo: null,
    });
  });
});

describe("A4 off-list matter", () => {
  it("A4: pushed down without registration — the township NONE, the department PRIMARY, the violation reported", () => {
    const d = determine("QX-TY", "2025-09-12", "建筑工地扬尘污染执法检查", {
      pushedDownBy: "ZJJ",
      townshipAtFault: true,
    });
    expect(d.listType).toBe("OFF_LIST");
    expect(roles(d)).toEqual({ "QX-TY": "NONE A4", ZJJ: "PRIMARY A4" });
    expect(party(d, "ZJJ").factors).toEqual([
      {
        kind: "AGGRAVATING",
        code: "UNREGISTERED_PUSH_DOWN",
        ruleId: "A4",
        description: "擅自向基层转嫁任务",
      },
    ]);
    expect(d.violations).toEqual([
      expect.objectContaining({
        ruleId: "A4",
        code: "UNREGISTERED_PUSH_DOWN",
        departmentCode: "ZJJ",
        townshipCode: "QX-TY",
      }),
    ]);
    expect(party(d, "QX-TY").citations).toEqual([]);
  });

  // 001: 对县级部门未按清单要求收回职责、擅自向基层转嫁任务的,依规追究部门负责人及相关人员责任.
  it("A4: a third department handing a reclaimed item back down is PRIMARY and reported; the receiving department stays PRIMARY (A3), the township NONE", () => {
    const d = determine("QX-SM", "2025-06-01", "ZR-002", { pushedDownBy: "ZJJ", townshipAtFault: true });
    expect(d.listType).toBe("RECLAIMED");
    expect(roles(d)).toEqual({ "QX-SM": "NONE A3,A4", ZJJ: "PRIMARY A4", ZRZYJ: "PRIMARY A3" });
    expect(party(d, "ZJJ").factors).toEqual([
      {
        kind: "AGGRAVATING",
        code: "UNREGISTERED_PUSH_DOWN",
        ruleId: "A4",
        description: "擅自向基层转嫁任务",
      },
    ]);
    expect(party(d, "ZJJ").explanation).toContain("未按清单要求收回职责");
    expect(party(d, "ZRZYJ").factors).toEqual([]);
    expect(party(d, "QX-SM").reason).toContain("不追究乡镇(街道)责任");
    expect(party(d, "QX-SM").reason).toContain("擅自转嫁");
    expect(d.violations).toEqual([
      {
        ruleId: "A4",
        code: "UNREGISTERED_PUSH_DOWN",
        departmentCode: "ZJJ",
        townshipCode: "QX-SM",
        date: "2025-06-01",
        message: "县住房和城乡建设局于2025-06-01未经登记向石门乡转嫁已收回的事项,予以通报(规则A4)",
      },
    ]);
    for (const p of d.parties)
      expect(p.citations).toEqual([
        expect.objectContaining({ itemCode: "ZR-002", listType: "RECLAIMED", sourceId: "QX-SM/ZR-002" }),
      ]);
  });

  it("A4: the receiving department that hands its reclaimed item back down is PRIMARY under A3 and A4, and reported", () => {
    const d = determine("QX-SM", "2025-06-01", "ZR-002", { pushedDownBy: "ZRZYJ" });
    expect(roles(d)).toEqual({ "QX-SM": "NONE A3,A4", ZRZYJ: "PRIMARY A3,A4" });
    expect(party(d, "ZRZYJ").factors.map((f) => [f.kind, f.code, f.ruleId])).toEqual([
      ["AGGRAVATING", "UNREGISTERED_PUSH_DOWN", "A4"],
    ]);
    expect(d.violations.map((v) => [v.ruleId, v.code, v.departmentCode])).toEqual([
      ["A4", "UNREGISTERED_PUSH_DOWN", "ZRZYJ"],
    ]);
  });

  it("A4: an item not on the township's lists (a subdistrict has no farmland item) is off-list", () => {
    const d = determine("QX-QX", "2025-04-01", "ZR-001", { pushedDownBy: "ZRZYJ" });
    expect(d.listType).toBe("OFF_LIST");
    expect(roles(d)).toEqual({ "QX-QX": "NONE A4", ZRZYJ: "PRIMARY A4" });
  });
});

describe("A5 temporary task", () => {
  // 002: 对于清单之外临时性、阶段性需要乡镇(街道)配合的工作,……实行记账管理、定期销号,工作结束后及时
  // 退出或终止配合职责 — a registered task is cooperation work, whatever role it registers.
  it("A5: registered with the township leading, it is still cooperation work — the requesting department PRIMARY, the township NONE without its own fault, citing the task and its decision", () => {
    const d = determine("QX-CG", "2025-05-01", "城乡环境卫生集中整治不到位", {
      temporaryTaskId: "QX-TT-2025-01",
    });
    expect(d.listType).toBe("TEMPORARY");
    expect(roles(d)).toEqual({ "QX-CG": "NONE A5,A11", ZJJ: "PRIMARY A5" });
    expect(party(d, "QX-CG").reason).toContain(
      "未认定乡镇在临时任务 QX-TT-2025-01 登记的配合内容范围内存在过错",
    );
    expect(party(d, "ZJJ").factors).toEqual([]);
    expect(d.violations).toEqual([]);
    expect(party(d, "QX-CG").citations[0]).toMatchObject({
      itemCode: "QX-TT-2025-01",
      listType: "TEMPORARY",
      effectiveFrom: "2025-04-01",
      // as the ledger stood on 1 May: the task was closed (销号) only on 15 July
      effectiveTo: null,
      basis: [{ document: "《青溪县城乡环境卫生集中整治百日行动方案》", article: "青政办发〔2025〕12号" }],
    });
  });

  it("A5: registered with the township leading, a fault within the registered content makes it SECONDARY, never PRIMARY", () => {
    const d = determine("QX-CG", "2025-05-01", "城乡环境卫生集中整治不到位", {
      temporaryTaskId: "QX-TT-2025-01",
      townshipAtFault: true,
      withinCooperationContent: true,
    });
    expect(roles(d)).toEqual({ "QX-CG": "SECONDARY A5", ZJJ: "PRIMARY A5" });
    expect(party(d, "QX-CG").factors).toEqual([]);
  });

  it("A5: registered as assisting — SECONDARY for a fault within the registered content, the department PRIMARY", () => {
    const d = determine("QX-SM", "2025-07-20", "山塘隐患排查遗漏", {
      temporaryTaskId: "QX-TT-2025-02",
      townshipAtFault: true,
      withinCooperationContent: true,
    });
    expect(roles(d)).toEqual({ "QX-SM": "SECONDARY A5", YJGLJ: "PRIMARY A5" });
    expect(d.violations).toEqual([]);
  });

  it("A5: past its planned end and never closed, the township's cooperation has ended (终止配合职责) — township NONE, department PRIMARY, the unclosed task reported (动态调整不及时)", () => {
    // QX-TT-2025-02 was planned to end on 30 September 2025 and was never closed.
    for (const date of ["2025-11-01", "2025-12-20"]) {
      const d = determine("QX-TY", date, "山塘隐患排查遗漏", {
        temporaryTaskId: "QX-TT-2025-02",
        townshipAtFault: true,
        withinCooperationContent: true,
      });
      expect(d.listType).toBe("TEMPORARY");
      expect(roles(d)).toEqual({ "QX-TY": "NONE A5", YJGLJ: "PRIMARY A5" });
      expect(party(d, "QX-TY").reason).toContain("已过计划结束日期 2025-09-30,乡镇配合职责已终止");
      expect(party(d, "YJGLJ").factors).toEqual([
        {
          kind: "AGGRAVATING",
          code: "TASK_NOT_CLOSED",
          ruleId: "A5",
          description: "临时任务逾期未销号(动态调整不及时)",
        },
      ]);
      expect(d.violations).toEqual([
        {
          ruleId: "A5",
          code: "TASK_NOT_CLOSED",
          departmentCode: "YJGLJ",
          townshipCode: "QX-TY",
          date,
          message: `县应急管理局交办桃源镇的临时任务 QX-TT-2025-02(计划 2025-09-30 结束)于${date}逾期未销号,动态调整不及时,予以通报(规则A5)`,
        },
      ]);
      expect(party(d, "YJGLJ").citations).toEqual([
        expect.objectContaining({
          itemCode: "QX-TT-2025-02",
          listType: "TEMPORARY",
          effectiveFrom: "2025-06-01",
          effectiveTo: null,
          basis: [{ document: "《关于开展汛期安全隐患大排查的通知》", article: "青委办发〔2025〕30号" }],
        }),
      ]);
    }
  });

  it("A5/A4: before the task covers the township, a department that pushed the work down is PRIMARY under A4", () => {
    const d = determine("QX-CG", "2025-03-01", "环境卫生整治", {
      temporaryTaskId: "QX-TT-2025-01",
      pushedDownBy: "ZJJ",
    });
    expect(d.listType).toBe("OFF_LIST");
    expect(roles(d)).toEqual({ "QX-CG": "NONE A5,A4", ZJJ: "PRIMARY A4" });
    expect(d.violations.map((v) => [v.ruleId, v.code, v.departmentCode])).toEqual([
      ["A4", "UNREGISTERED_PUSH_DOWN", "ZJJ"],
    ]);
  });

  it("A5: a closed task, or one not yet started, leaves the township NONE", () => {
    const closed = determine("QX-CG", "2025-08-01", "环境卫生整治", { temporaryTaskId: "QX-TT-2025-01" });
    expect(closed.listType).toBe("OFF_LIST");
    expect(roles(closed)).toEqual({ "QX-CG": "NONE A5", ZJJ: "NONE A5,A11" });
    expect(party(closed, "QX-CG").reason).toContain("已于 2025-07-15 销号");
    const early = determine("QX-CG", "2025-03-01", "环境卫生整治", { temporaryTaskId: "QX-TT-2025-01" });
    expect(roles(early)).toEqual({ "QX-CG": "NONE A5", ZJJ: "NONE A5,A11" });
    expect(party(early, "QX-CG").reason).toContain("至 2025-04-01 才开始");
  });

  it("A5: a task that does not name the township does not bind it", () => {
    const d = determine("QX-BS", "2025-05-01", "环境卫生整治", { temporaryTaskId: "QX-TT-2025-01" });
    expect(d.listType).toBe("OFF_LIST");
    expect(party(d, "QX-BS").reason).toContain("未登记该乡镇");
  });
});

describe("A6 reclaimed item not taken over", () => {
  it("A6: the receiving department that left the item unattended is PRIMARY with an aggravating factor", () => {
    const d = determine("QX-SM", "2025-06-01", "ZR-002", { receivingDepartmentTookOver: false });
    expect(roles(d)).toEqual({ "QX-SM": "NONE A3", ZRZYJ: "PRIMARY A3,A6" });
    expect(party(d, "ZRZYJ").factors).toEqual([
      {
        kind: "AGGRAVATING",
        code: "RECLAIMED_NOT_TAKEN_OVER",
        ruleId: "A6",
        description: "收回事项承接缺位",
      },
    ]);
  });
});

describe("A7 refusal to cooperate", () => {
  // 001: 对乡镇(街道)……拒不配合县级部门合规工作的,严肃问责处理 — only a request within the listed
  // cooperation content is 合规工作 the township must cooperate in.
  it("A7: a township that refused a request established to be within its cooperation content is SECONDARY with an aggravating factor", () => {
    const d = determine("QX-BS", "2025-04-02", "LY-001", {
      townshipRefusedCooperation: true,
      withinCooperationContent: true,
    });
    expect(roles(d)).toEqual({ "QX-BS": "SECONDARY A7", LYJ: "PRIMARY A2" });
    expect(party(d, "QX-BS").factors).toEqual([
      { kind: "AGGRAVATING", code: "REFUSED_COOPERATION", ruleId: "A7", description: "拒不配合" },
    ]);
    expect(party(d, "QX-BS").citations[0]).toMatchObject({ itemCode: "LY-001", listType: "COOPERATIVE" });
  });

  it("A7: a refusal where it is not established that the request was within the cooperation content is NONE (A11), with the reason", () => {
    const d = determine("QX-BS", "2025-04-02", "LY-001", { townshipRefusedCooperation: true });
    expect(roles(d)).toEqual({ "QX-BS": "NONE A7,A11", LYJ: "PRIMARY A2" });
    expect(party(d, "QX-BS").factors).toEqual([]);
    expect(party(d, "QX-BS").reason).toContain("未认定所拒绝的要求在清单载明的乡镇配合内容范围内");
  });

  it("A7: refusing what lies outside the cooperation content is not refusing legitimate cooperation: NONE (A11)", () => {
    const d = determine("QX-BS", "2025-04-02", "LY-001", {
      townshipRefusedCooperation: true,
      withinCooperationContent: false,
    });
    expect(roles(d)).toEqual({ "QX-BS": "NONE A7,A11", LYJ: "PRIMARY A2" });
    expect(party(d, "QX-BS").factors).toEqual([]);
    expect(party(d, "QX-BS").reason).toContain("不在清单载明的乡镇配合内容范围内");
  });
});

describe("A8 falsification", () => {
  it("A8: a township that falsified is PRIMARY even on a reclaimed item", () => {
    const d = determine("QX-BS", "2025-10-08", "SC-001", {
      falsifiedBy: [{ kind: "TOWNSHIP", code: "QX-BS" }],
    });
    expect(roles(d)).toEqual({ "QX-BS": "PRIMARY A8", SCJGJ: "PRIMARY A3" });
    expect(party(d, "QX-BS").factors.map((f) => f.code)).toEqual(["FALSIFICATION"]);
  });

  it("A8: a department that falsified is PRIMARY on a basic item, where it otherwise bears nothing", () => {
    const d = determine("QX-CG", "2025-03-15", "MS-001", {
      falsifiedBy: [{ kind: "DEPARTMENT", code: "MZJ" }],
    });
    expect(roles(d)).toEqual({ "QX-CG": "PRIMARY A1", MZJ: "PRIMARY A8" });
  });
});

describe("party order", () => {
  it("A8: another township that falsified is listed after the case's township, departments last", () => {
    const d = determine("QX-TY", "2025-03-15", "MS-001", {
      falsifiedBy: [{ kind: "TOWNSHIP", code: "QX-BS" }],
      otherDepartments: ["MZJ"],
    });
    expect(d.parties.map((p) => `${p.party.code} ${p.role}`)).toEqual([
      "QX-TY PRIMARY",
      "QX-BS PRIMARY",
      "MZJ NONE",
    ]);
  });
});

describe("A9 the lists in force on the failure date decide", () => {
  it("A9: an item reclassified on 1 July is basic before and reclaimed after, each citing its own entry and list version", () => {
    const before = determine("QX-CG", "2025-06-30", "CJ-001", { townshipAtFault: true });
    const after = determine("QX-CG", "2025-07-01", "CJ-001", { townshipAtFault: true });
    expect(roles(before)).toEqual({ "QX-CG": "PRIMARY A1" });
    expect(roles(after)).toEqual({ "QX-CG": "NONE A3", ZHZFJ: "PRIMARY A3" });
    expect(before.ruleIds).toContain("A9");
    expect(party(before, "QX-CG").citations[0]).toMatchObject({
      sourceId: "QX-CG/CJ-001",
      effectiveFrom: "2025-01-01",
      // the lists of 30 June: the reclassification of 1 July was not part of them
      effectiveTo: null,
      listVersion: { number: 1, changeId: "QX-2025" },
    });
    expect(party(after, "QX-CG").citations[0]).toMatchObject({
      sourceId: "QX-ADJ-2025-01#1",
      effectiveFrom: "2025-07-01",
      effectiveTo: null,
      listVersion: { number: 2, changeId: "QX-ADJ-2025-01" },
    });
  });

  it("A9: an item added on 1 September is off-list for a failure in August", () => {
    expect(determine("QX-CG", "2025-08-31", "CJ-003").listType).toBe("OFF_LIST");
    expect(determine("QX-CG", "2025-09-01", "CJ-003").listType).toBe("COOPERATIVE");
  });
});

describe("A10 guarantees not delivered", () => {
  it("A10: the township's SECONDARY role carries a mitigating factor when the lead department did not deliver", () => {
    const d = determine("QX-CG", "2025-05-10", "PA-002", {
      townshipAtFault: true,
      withinCooperationContent: true,
      guaranteesDelivered: false,
    });
    expect(roles(d)).toEqual({ "QX-CG": "SECONDARY A2,A10", XFJY: "PRIMARY A2" });
    expect(party(d, "QX-CG").factors).toEqual([
      {
        kind: "MITIGATING",
        code: "GUARANTEES_NOT_DELIVERED",
        ruleId: "A10",
        description: "牵头部门未落实清单载明的履职保障",
      },
    ]);
  });

  it("A10: no factor is attached to a township that bears no role", () => {
    const d = determine("QX-CG", "2025-05-10", "PA-002", { guaranteesDelivered: false });
    expect(party(d, "QX-CG")).toMatchObject({ role: "NONE", factors: [] });
  });
});

describe("A11 no rule, no blame", () => {
  it("A11: without a finding of fault the township is NONE on a cooperative item, with the reason", () => {
    const d = determine("QX-CG", "2025-05-10", "PA-002");
    expect(roles(d)).toEqual({ "QX-CG": "NONE A2,A11", XFJY: "PRIMARY A2" });
    expect(party(d, "QX-CG").reason).toContain("未认定乡镇在配合范围内存在过错");
  });

  it("A11: an off-list matter nobody pushed down blames nobody, and every NONE has a reason", () => {
    const d = determine("QX-TY", "2025-09-12", "道路积水", {
      townshipAtFault: true,
      otherDepartments: ["ZJJ"],
    });
    expect(roles(d)).toEqual({ "QX-TY": "NONE A11", ZJJ: "NONE A11" });
    for (const p of d.parties) expect(p.reason).toMatch(/.+/);
  });
});

describe("decision id", () => {
  it("is the same for the same question on the same data and differs when the question or the list content differs", () => {
    const findings = { townshipAtFault: true, withinCooperationContent: true };
    const a = determine("QX-CG", "2025-05-10", "PA-002", findings);
    const b = determine("QX-CG", "2025-05-10", "PA-002", {
      withinCooperationContent: true,
      townshipAtFault: true,
    });
    expect(a.decisionId).toBe(b.decisionId);
    expect(a.decisionId).toMatch(/^D-[0-9a-f]{24}$/);
    expect(determine("QX-CG", "2025-05-11", "PA-002", findings).decisionId).not.toBe(a.decisionId);
    const before = determine("QX-CG", "2025-06-30", "CJ-001");
    const after = determine("QX-CG", "2025-07-01", "CJ-001");
    expect(before.decisionId).not.toBe(after.decisionId);
  });
});

describe("bad questions", () => {
  it("names every unknown reference and invalid field at once", () => {
    const result = determineResponsibility(context, {
      townshipCode: "QX-XX",
      date: isoDate("2025-05-10"),
      subject: { kind: "ITEM", itemCode: "NO-SUCH" },
      findings: {
        pushedDownBy: "NOPE",
        temporaryTaskId: "TT-0",
        falsifiedBy: [{ kind: "DEPARTMENT", code: "X" }],
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => (e._tag === "NOT_FOUND" ? `${e.kind}:${e.id}` : e._tag))).toEqual([
      "TOWNSHIP:QX-XX",
      "ITEM:NO-SUCH",
      "DEPARTMENT:NOPE",
      "TEMPORARY_TASK:TT-0",
      "DEPARTMENT:X",
    ]);
  });
});
