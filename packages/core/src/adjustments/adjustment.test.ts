import { describe, expect, it } from "vitest";
import { isoDate } from "../base/calendar-date.ts";
import type { Result } from "../base/result.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import { buildListIndex, entryHistory, entryInForce } from "../lists/list-index.ts";
import { demoCounty } from "../testing/index.ts";
import type { AdjustmentChange, Approval, Proposer, TriggerKind } from "./adjustment.ts";
import { adjustmentRouteOfRecord, citedDocument, deriveAdjustmentRoute } from "./adjustment.ts";
import { publishAdjustment } from "./adjustment-publication.ts";
import { type AdjustmentProposal, approveAdjustment, proposeAdjustment } from "./adjustment-workflow.ts";

const base = demoCounty();
const index = buildListIndex(base.entries);
const JULY = isoDate("2025-07-01");

function proposal(
  changes: readonly AdjustmentChange[],
  proposer: Proposer = { kind: "DEPARTMENT", departmentCode: "ZJJ" },
  trigger: TriggerKind = "WORK_NEED",
  reference = "测试依据",
): AdjustmentProposal {
  return {
    id: "T-1",
    title: "测试调整",
    reason: "测试",
    trigger: { kind: trigger, reference },
    proposer,
    proposedOn: isoDate("2025-10-01"),
    recordedOn: isoDate("2025-10-01"),
    changes,
  };
}

const county: Approval = {
  level: "COUNTY",
  authority: "县编委",
  approvedOn: isoDate("2025-10-10"),
  documentNo: null,
  recordedOn: isoDate("2025-10-10"),
};
const province: Approval = {
  level: "PROVINCE",
  authority: "省编办",
  approvedOn: isoDate("2025-10-20"),
  documentNo: null,
  recordedOn: isoDate("2025-10-20"),
};

function unwrap<T>(result: Result<T, { readonly message: string }>): T {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.value;
}

function tags(result: Result<unknown, { readonly _tag: string }>): string[] {
  return result.ok ? [] : result.errors.map((e) => e._tag);
}

const addBasic: AdjustmentChange = {
  kind: "ADD",
  townshipCode: "QX-TY",
  itemCode: "NEW-1",
  terms: { type: "BASIC" },
  content: {
    category: "民生服务",
    name: "新增事项",
    tasks: ["做新的事"],
    basis: [{ document: "《测试条例》" }],
  },
};

describe("L3 adjustments carry reason, trigger and approvals", () => {
  it("L3: a proposal without reason or trigger document, or with unknown references, is refused naming each field", () => {
    const result = proposeAdjustment(base, {
      ...proposal([{ kind: "REMOVE", townshipCode: "QX-NO", itemCode: "NO-ITEM" }]),
      reason: " ",
      trigger: { kind: "WORK_NEED", reference: "" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.errors.map((e) =>
        e._tag === "INVALID_FIELD" ? e.field : e._tag === "NOT_FOUND" ? e.id : e._tag,
      ),
    ).toEqual(["reason", "trigger.reference", "QX-NO", "NO-ITEM"]);
  });

  it("L3: the four kinds of change close and open entries without deleting any", () => {
    let dataset: CountyDataset = unwrap(
      proposeAdjustment(
        base,
        proposal(
          [
            { kind: "REMOVE", townshipCode: "QX-TY", itemCode: "PA-001" },
            {
              kind: "RECLASSIFY",
              townshipCode: "QX-TY",
              itemCode: "ZR-001",
              terms: { type: "RECLAIMED", receivingDepartment: "ZRZYJ", wayOfWorking: "报告" },
            },
            {
              kind: "AMEND",
              townshipCode: "QX-TY",
              itemCode: "MS-002",
              assignment: { leadingPost: "副镇长", office: "社会事务办", assistingUnits: [] },
            },
          ],
          { kind: "TOWNSHIP", townshipCode: "QX-TY" },
          "TOWNSHIP_APPLICATION",
        ),
      ),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    const published = unwrap(
      publishAdjustment(dataset, "T-1", {
        publishedOn: isoDate("2025-11-01"),
        recordedOn: isoDate("2025-11-01"),
      }),
    );
    expect(published.route.route).toBe("DYNAMIC");
    expect(published.closed.map((e) => e.id)).toEqual(["QX-TY/PA-001", "QX-TY/ZR-001", "QX-TY/MS-002"]);
    expect(published.opened.map((e) => [e.id, e.itemCode, e.terms.type])).toEqual([
      ["T-1#2", "ZR-001", "RECLAIMED"],
      ["T-1#3", "MS-002", "COOPERATIVE"],
    ]);
    expect(published.dataset.entries).toHaveLength(base.entries.length + 2);
    const after = buildListIndex(published.dataset.entries);
    expect(entryInForce(after, "QX-TY", "PA-001", isoDate("2025-11-01"))).toBeNull();
    expect(entryInForce(after, "QX-TY", "PA-001", isoDate("2025-10-31"))?.id).toBe("QX-TY/PA-001");
    expect(entryInForce(after, "QX-TY", "MS-002", isoDate("2025-11-01"))?.assignment?.office).toBe(
      "社会事务办",
    );
    expect(published.adjustment.publication).toEqual({
      publishedOn: "2025-11-01",
      effectiveFrom: "2025-11-01",
      recordedOn: "2025-11-01",
    });
    // the input dataset is untouched
    expect(entryHistory(index, "QX-TY", "PA-001").map((e) => e.effectiveTo)).toEqual([null]);
  });

  it("L3: approvals are appended; a second approval at the same level is refused", () => {
    const dataset = unwrap(
      approveAdjustment(unwrap(proposeAdjustment(base, proposal([addBasic]))).dataset, "T-1", county),
    ).dataset;
    expect(tags(approveAdjustment(dataset, "T-1", county))).toEqual(["DUPLICATE_ID"]);
    expect(
      tags(approveAdjustment(dataset, "T-1", { ...province, approvedOn: isoDate("2025-09-01") })),
    ).toEqual(["INVALID_FIELD"]);
  });
});

const FIRE_LAW = "《中华人民共和国消防法》(主席令第81号)";
const PROVINCIAL_NOTICE = "《关于进一步规范乡镇(街道)履职事项清单管理的通知》(苏办发〔2025〕12号)";

describe("L4 approval routes", () => {
  const route = (
    changes: readonly AdjustmentChange[],
    proposer?: Proposer,
    trigger?: TriggerKind,
    reference?: string,
  ) => deriveAdjustmentRoute(proposal(changes, proposer, trigger, reference), index, JULY);
  const cityWorks: Proposer = { kind: "DEPARTMENT", departmentCode: "ZJJ" };

  // 002: 凡由市县两级党委政府交办或县级以上部门动议增加清单职责事项的,纳入职责准入范围,县级党委政府
  // 履行规定程序后,逐级报省把关审定.
  it("L4: adding a basic or cooperative item at a department's or the county's request is the access route", () => {
    expect(route([addBasic])).toMatchObject({
      route: "ACCESS",
      requiredApprovals: ["COUNTY", "PROVINCE"],
      dutyAddingChanges: [0],
    });
    expect(route([addBasic], { kind: "COUNTY_GOVERNMENT" }).route).toBe("ACCESS");
    expect(route([addBasic], { kind: "COUNTY_PARTY_COMMITTEE" }).route).toBe("ACCESS");
  });

  it("L4: the proposer decides, not the label — a department's addition labelled a township's application takes the access route", () => {
    const labelled = route([addBasic], cityWorks, "TOWNSHIP_APPLICATION", "桃源镇申请");
    expect(labelled).toMatchObject({ route: "ACCESS", requiredApprovals: ["COUNTY", "PROVINCE"] });
    expect(labelled.reason).toContain("不因标注为乡镇(街道)申请而属乡镇自主申请");
    expect(labelled.reason).toContain("(规则L4)");
  });

  it("L4: a department's addition on a change of law or a central or provincial document is dynamic only when it cites the document by name and number", () => {
    const law = route([addBasic], cityWorks, "LAW_CHANGE", FIRE_LAW);
    expect(law).toMatchObject({ route: "DYNAMIC", requiredApprovals: ["COUNTY"] });
    expect(law.reason).toContain("《中华人民共和国消防法》 第81号");
    expect(route([addBasic], cityWorks, "SUPERIOR_DEPLOYMENT", PROVINCIAL_NOTICE).route).toBe("DYNAMIC");
    for (const [trigger, reference] of [
      ["LAW_CHANGE", "测试依据"],
      ["LAW_CHANGE", "《中华人民共和国消防法》"],
      ["SUPERIOR_DEPLOYMENT", "苏办发〔2025〕12号"],
      ["SUPERIOR_DEPLOYMENT", "省里的部署要求"],
    ] as const) {
      const unsupported = route([addBasic], cityWorks, trigger, reference);
      expect(unsupported.route).toBe("ACCESS");
      expect(unsupported.reason).toContain("未载明依据文件的名称和文号");
    }
  });

  it("L4: additions the county party committee or government proposes take the access route, whatever the label", () => {
    for (const trigger of [
      "LAW_CHANGE",
      "SUPERIOR_DEPLOYMENT",
      "TOWNSHIP_APPLICATION",
      "WORK_NEED",
    ] as const) {
      expect(route([addBasic], { kind: "COUNTY_GOVERNMENT" }, trigger, PROVINCIAL_NOTICE).route).toBe(
        "ACCESS",
      );
      expect(route([addBasic], { kind: "COUNTY_PARTY_COMMITTEE" }, trigger, FIRE_LAW).route).toBe("ACCESS");
    }
  });

  // 002: 凡因法律法规立改废释……或乡镇(街道)自主申请增加清单职责事项的,纳入动态调整范围.
  it("L4: a township's own application for itself, or a reduction of duties, is a dynamic adjustment", () => {
    expect(route([addBasic], { kind: "TOWNSHIP", townshipCode: "QX-TY" })).toMatchObject({
      route: "DYNAMIC",
      requiredApprovals: ["COUNTY"],
    });
    // a township cannot apply for another township's duties
    expect(route([addBasic], { kind: "TOWNSHIP", townshipCode: "QX-SM" }).route).toBe("ACCESS");
    const removal = { kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-001" } as const;
    expect(route([removal], cityWorks, "TOWNSHIP_APPLICATION").route).toBe("DYNAMIC");
    expect(route([removal], { kind: "COUNTY_GOVERNMENT" }).route).toBe("DYNAMIC");
  });

  it("L4: a cited document is named (《…》) and numbered (文号)", () => {
    expect(citedDocument(FIRE_LAW)).toEqual({ title: "《中华人民共和国消防法》", documentNo: "第81号" });
    expect(citedDocument(PROVINCIAL_NOTICE)).toEqual({
      title: "《关于进一步规范乡镇(街道)履职事项清单管理的通知》",
      documentNo: "〔2025〕12号",
    });
    expect(citedDocument("《中华人民共和国消防法》(2021年修正)")).toBeNull();
    expect(citedDocument("苏办发〔2025〕12号")).toBeNull();
  });

  it("L4: taking duties away is dynamic; reclassifying towards the township is access", () => {
    expect(route([{ kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-001" }]).route).toBe("DYNAMIC");
    const toDepartment = { type: "RECLAIMED", receivingDepartment: "ZRZYJ", wayOfWorking: "报告" } as const;
    expect(
      route([{ kind: "RECLASSIFY", townshipCode: "QX-TY", itemCode: "ZR-001", terms: toDepartment }]).route,
    ).toBe("DYNAMIC");
    expect(
      route([{ kind: "RECLASSIFY", townshipCode: "QX-TY", itemCode: "PA-002", terms: { type: "BASIC" } }])
        .route,
    ).toBe("ACCESS");
  });

  it("L4: an amendment that adds tasks or cooperation content adds duties (access)", () => {
    const current = entryInForce(index, "QX-CG", "MS-001", JULY);
    if (current === null) throw new Error("fixture");
    const moreTasks = { ...current.content, tasks: [...current.content.tasks, "新增入户核查"] };
    expect(
      route([{ kind: "AMEND", townshipCode: "QX-CG", itemCode: "MS-001", content: moreTasks }]).route,
    ).toBe("ACCESS");
    const fewerTasks = { ...current.content, tasks: current.content.tasks.slice(1) };
    expect(
      route([{ kind: "AMEND", townshipCode: "QX-CG", itemCode: "MS-001", content: fewerTasks }]).route,
    ).toBe("DYNAMIC");
    const coop = entryInForce(index, "QX-CG", "PA-002", JULY);
    if (coop === null || coop.terms.type !== "COOPERATIVE") throw new Error("fixture");
    const wider = { ...coop.terms, cooperationContent: [...coop.terms.cooperationContent, "负责整改复查"] };
    expect(route([{ kind: "AMEND", townshipCode: "QX-CG", itemCode: "PA-002", terms: wider }]).route).toBe(
      "ACCESS",
    );
  });

  it("L4: an access-route change is not published without the provincial approval", () => {
    let dataset = unwrap(proposeAdjustment(base, proposal([addBasic]))).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    const refused = publishAdjustment(dataset, "T-1", {
      publishedOn: isoDate("2025-11-01"),
      recordedOn: isoDate("2025-11-01"),
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      expect.objectContaining({ _tag: "MISSING_APPROVAL", level: "PROVINCE", adjustmentId: "T-1" }),
    ]);
    dataset = unwrap(approveAdjustment(dataset, "T-1", province)).dataset;
    const published = unwrap(
      publishAdjustment(dataset, "T-1", {
        publishedOn: isoDate("2025-11-01"),
        recordedOn: isoDate("2025-11-01"),
      }),
    );
    expect(published.route.route).toBe("ACCESS");
    expect(published.dataset.items.map((i) => i.code)).toContain("NEW-1");
  });

  it("L4: approvals dated after publication, and effective dates before it, are refused", () => {
    let dataset = unwrap(
      proposeAdjustment(base, proposal([{ kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-001" }])),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    expect(
      tags(
        publishAdjustment(dataset, "T-1", {
          publishedOn: isoDate("2025-10-05"),
          recordedOn: isoDate("2025-10-05"),
        }),
      ),
    ).toEqual(["INVALID_FIELD"]);
    expect(
      tags(
        publishAdjustment(dataset, "T-1", {
          publishedOn: isoDate("2025-11-01"),
          effectiveFrom: isoDate("2025-10-31"),
          recordedOn: isoDate("2025-11-01"),
        }),
      ),
    ).toEqual(["INVALID_FIELD"]);
  });
});

describe("publication is all-or-nothing", () => {
  const publishWith = (changes: readonly AdjustmentChange[]) => {
    let dataset = unwrap(
      proposeAdjustment(base, proposal(changes, { kind: "TOWNSHIP", townshipCode: "QX-CG" })),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    return publishAdjustment(dataset, "T-1", {
      publishedOn: isoDate("2025-11-01"),
      recordedOn: isoDate("2025-11-01"),
    });
  };

  it("refuses the whole adjustment when one change conflicts, naming the change", () => {
    const result = publishWith([
      { kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-001" },
      { kind: "ADD", townshipCode: "QX-CG", itemCode: "MS-001", terms: { type: "BASIC" } },
      { kind: "REMOVE", townshipCode: "QX-CG", itemCode: "SM-TS-001" },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.errors.map((e) => (e._tag === "CHANGE_CONFLICT" ? [e.changeIndex, e.itemCode] : e._tag)),
    ).toEqual([
      [1, "MS-001"],
      [2, "SM-TS-001"],
    ]);
  });

  it("refuses a change placed before a later published change of the same item", () => {
    let dataset = unwrap(
      proposeAdjustment(base, {
        ...proposal([{ kind: "REMOVE", townshipCode: "QX-CG", itemCode: "CJ-001" }], {
          kind: "TOWNSHIP",
          townshipCode: "QX-CG",
        }),
        proposedOn: isoDate("2025-03-01"),
        recordedOn: isoDate("2025-03-01"),
      }),
    ).dataset;
    dataset = unwrap(
      approveAdjustment(dataset, "T-1", { ...county, approvedOn: isoDate("2025-03-02") }),
    ).dataset;
    const result = publishAdjustment(dataset, "T-1", {
      publishedOn: isoDate("2025-03-10"),
      recordedOn: isoDate("2025-03-10"),
    });
    expect(tags(result)).toEqual(["CHANGE_CONFLICT"]);
  });

  it("checks the resulting lists and refuses a cooperative entry without a lead department", () => {
    const result = publishWith([
      {
        kind: "RECLASSIFY",
        townshipCode: "QX-CG",
        itemCode: "PA-001",
        terms: {
          type: "COOPERATIVE",
          leadDepartments: [],
          departmentDuty: "",
          cooperationContent: ["配合"],
          guarantees: [],
        },
      },
    ]);
    expect(tags(result)).toEqual(["COOPERATIVE_WITHOUT_LEAD"]);
  });

  it("refuses to publish twice", () => {
    let dataset = unwrap(
      proposeAdjustment(
        base,
        proposal([{ kind: "REMOVE", townshipCode: "QX-CG", itemCode: "PA-001" }], {
          kind: "TOWNSHIP",
          townshipCode: "QX-CG",
        }),
      ),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    dataset = unwrap(
      publishAdjustment(dataset, "T-1", {
        publishedOn: isoDate("2025-11-01"),
        recordedOn: isoDate("2025-11-01"),
      }),
    ).dataset;
    expect(
      tags(
        publishAdjustment(dataset, "T-1", {
          publishedOn: isoDate("2025-11-02"),
          recordedOn: isoDate("2025-11-02"),
        }),
      ),
    ).toEqual(["ALREADY_PUBLISHED"]);
    expect(tags(approveAdjustment(dataset, "T-1", province))).toEqual(["ALREADY_PUBLISHED"]);
  });
});

describe("new items and reclassified assignments", () => {
  it("L3: one adjustment adds a new item to several townships; the catalogue gains it once", () => {
    const changes: AdjustmentChange[] = [
      addBasic,
      { kind: "ADD", townshipCode: "QX-SM", itemCode: "NEW-1", terms: { type: "BASIC" } },
    ];
    let dataset = unwrap(
      proposeAdjustment(base, proposal(changes, undefined, "LAW_CHANGE", FIRE_LAW)),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    const published = unwrap(
      publishAdjustment(dataset, "T-1", {
        publishedOn: isoDate("2025-11-01"),
        recordedOn: isoDate("2025-11-01"),
      }),
    );
    expect(published.dataset.items.filter((i) => i.code === "NEW-1")).toHaveLength(1);
    expect(published.opened.map((e) => [e.townshipCode, e.content.name])).toEqual([
      ["QX-TY", "新增事项"],
      ["QX-SM", "新增事项"],
    ]);
  });

  it("L7: a reclassification drops the assignment of an item a department takes back, and can set one", () => {
    const toDepartment = { type: "RECLAIMED", receivingDepartment: "ZRZYJ", wayOfWorking: "报告" } as const;
    const assignment = { leadingPost: "副镇长", office: "综合执法办", assistingUnits: [] };
    let dataset = unwrap(
      proposeAdjustment(
        base,
        proposal(
          [
            { kind: "RECLASSIFY", townshipCode: "QX-TY", itemCode: "ZR-001", terms: toDepartment },
            {
              kind: "RECLASSIFY",
              townshipCode: "QX-TY",
              itemCode: "CJ-002",
              terms: { type: "BASIC" },
              assignment,
            },
          ],
          { kind: "TOWNSHIP", townshipCode: "QX-TY" },
        ),
      ),
    ).dataset;
    dataset = unwrap(approveAdjustment(dataset, "T-1", county)).dataset;
    const published = unwrap(
      publishAdjustment(dataset, "T-1", {
        publishedOn: isoDate("2025-11-01"),
        recordedOn: isoDate("2025-11-01"),
      }),
    );
    expect(published.opened.map((e) => [e.itemCode, e.assignment])).toEqual([
      ["ZR-001", null],
      ["CJ-002", assignment],
    ]);
  });
});

describe("the route on record", () => {
  it("L4: a published access-route addition keeps its ACCESS route, judged on the lists before it took effect", () => {
    const published = base.adjustments.find((a) => a.id === "QX-ADJ-2025-02");
    if (published === undefined) throw new Error("fixture");
    expect(adjustmentRouteOfRecord(published, index).route).toBe("ACCESS");
    // on its effective date the lists already hold the cooperative entry it opened
    expect(deriveAdjustmentRoute(published, index, isoDate("2025-09-01")).route).toBe("ACCESS");
    const reclassify = base.adjustments.find((a) => a.id === "QX-ADJ-2025-01");
    if (reclassify === undefined) throw new Error("fixture");
    expect(adjustmentRouteOfRecord(reclassify, index).route).toBe("DYNAMIC");
  });
});
