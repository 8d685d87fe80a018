import type { Adjustment, Approval } from "../adjustments/adjustment.ts";
import { publishAdjustment } from "../adjustments/adjustment-publication.ts";
import { approveAdjustment, proposeAdjustment } from "../adjustments/adjustment-workflow.ts";
import { type IsoDate, isoDate } from "../base/calendar-date.ts";
import type { Result } from "../base/result.ts";
import type { Department, Township } from "../county/county.ts";
import type { CountyDataset, ListPublication } from "../county/county-dataset.ts";
import type { DutyItem, ItemContent, LegalCitation } from "../county/duty-item.ts";
import {
  closeTemporaryTask,
  registerTemporaryTask,
  type TemporaryTaskRegistration,
} from "../ledger/task-registration.ts";
import type { EntryTerms, InternalAssignment, ListEntry } from "../lists/list-entry.ts";
import {
  DEMO_2026_ITEMS,
  DEMO_2026_PUBLICATION,
  DEMO_2026_RECLASSIFICATION,
  demo2026Entries,
} from "./demo-county-2026.ts";

// 青溪县: an invented county, small enough to read, covering every kind of case the rules
// distinguish. Names of laws are real; the county, its townships and its lists are not.

const COUNTY = { code: "QX", name: "青溪县" } as const;
const BASELINE = isoDate("2025-01-01");

const townships: readonly Township[] = [
  { code: "QX-CG", countyCode: COUNTY.code, name: "城关镇", kind: "TOWN" },
  { code: "QX-QX", countyCode: COUNTY.code, name: "青溪街道", kind: "SUBDISTRICT" },
  { code: "QX-BS", countyCode: COUNTY.code, name: "白沙镇", kind: "TOWN" },
  { code: "QX-SM", countyCode: COUNTY.code, name: "石门乡", kind: "TOWNSHIP" },
  { code: "QX-TY", countyCode: COUNTY.code, name: "桃源镇", kind: "TOWN" },
];

const departments: readonly Department[] = [
  ["MZJ", "县民政局"],
  ["ZRZYJ", "县自然资源局"],
  ["ZJJ", "县住房和城乡建设局"],
  ["XFJY", "县消防救援大队"],
  ["YJGLJ", "县应急管理局"],
  ["NYNCJ", "县农业农村局"],
  ["SCJGJ", "县市场监督管理局"],
  ["STHJ", "市生态环境局青溪分局"],
  ["ZHZFJ", "县综合行政执法局"],
  ["WJW", "县卫生健康委员会"],
  ["LYJ", "县林业局"],
  ["RSJ", "县人力资源和社会保障局"],
].map(([code = "", name = ""]) => ({ code, countyCode: COUNTY.code, name }));

function law(document: string, article?: string): LegalCitation {
  return article === undefined ? { document } : { document, article };
}

function item(code: string, content: ItemContent, townshipCode: string | null = null): DutyItem {
  return { code, countyCode: COUNTY.code, townshipCode, content };
}

const items: readonly DutyItem[] = [
  item("DJ-001", {
    category: "党的建设",
    name: "村(社区)党组织建设",
    tasks: ["指导村(社区)党组织换届选举", "开展党员发展和教育管理"],
    basis: [law("《中国共产党农村基层组织工作条例》")],
  }),
  item("MS-001", {
    category: "民生服务",
    name: "最低生活保障申请受理和审核",
    tasks: ["受理最低生活保障申请", "开展家庭经济状况调查", "提出审核意见并公示"],
    basis: [law("《社会救助暂行办法》", "第十一条")],
  }),
  item("PA-001", {
    category: "平安法治",
    name: "矛盾纠纷排查化解",
    tasks: ["定期排查矛盾纠纷", "组织人民调解"],
    basis: [law("《中华人民共和国人民调解法》")],
  }),
  item("ZR-001", {
    category: "自然资源",
    name: "耕地保护日常巡查",
    tasks: ["巡查耕地“非农化”“非粮化”问题", "发现问题及时制止并报告"],
    basis: [law("《中华人民共和国土地管理法》")],
  }),
  item("CJ-001", {
    category: "城乡建设",
    name: "占道经营管理",
    tasks: ["巡查占道经营行为", "劝导整改"],
    basis: [law("《城市市容和环境卫生管理条例》")],
  }),
  item("PA-002", {
    category: "平安法治",
    name: "“九小场所”消防安全检查",
    tasks: ["对小餐饮、小商店等“九小场所”开展消防安全检查"],
    basis: [law("《中华人民共和国消防法》", "第三十二条"), law("《消防安全责任制实施办法》")],
  }),
  item("MS-002", {
    category: "民生服务",
    name: "食品安全隐患排查",
    tasks: ["排查农村集体聚餐等食品安全隐患"],
    basis: [law("《中华人民共和国食品安全法》")],
  }),
  item("ZR-002", {
    category: "自然资源",
    name: "非法占用土地行政处罚",
    tasks: ["查处未经批准非法占用土地的行为"],
    basis: [law("《中华人民共和国土地管理法》", "第七十七条")],
  }),
  item("CJ-002", {
    category: "城乡建设",
    name: "违法建设查处",
    tasks: ["查处未取得乡村建设规划许可证进行建设的行为", "责令停止建设、限期改正"],
    basis: [law("《中华人民共和国城乡规划法》", "第六十五条")],
  }),
  item("SC-001", {
    category: "市场监管",
    name: "食品生产经营行政处罚",
    tasks: ["查处食品生产经营违法行为"],
    basis: [law("《中华人民共和国食品安全法》")],
  }),
  item("LY-001", {
    category: "自然资源",
    name: "森林防火",
    tasks: ["开展森林防火巡查和宣传", "管控野外用火"],
    basis: [law("《森林防火条例》")],
  }),
  item(
    "SM-TS-001",
    {
      category: "文化旅游",
      name: "长城保护",
      tasks: ["落实长城段落日常巡查", "制止破坏长城的行为并报告"],
      basis: [law("《长城保护条例》")],
    },
    "QX-SM",
  ),
  item(
    "BS-TS-001",
    {
      category: "经济发展",
      name: "兵工企业服务",
      tasks: ["协调解决驻地兵工企业生产生活问题"],
      basis: [law("《中华人民共和国国防法》")],
    },
    "QX-BS",
  ),
];

const assignment = (leadingPost: string, office: string): InternalAssignment => ({
  leadingPost,
  office,
  assistingUnits: ["各村(社区)"],
});

const BASIC: EntryTerms = { type: "BASIC" };

// Terms of each catalogue item on a township's lists, and who does it inside the township.
const plan: readonly { itemCode: string; terms: EntryTerms; assignment: InternalAssignment | null }[] = [
  { itemCode: "DJ-001", terms: BASIC, assignment: assignment("党委副书记", "党建工作办公室") },
  { itemCode: "MS-001", terms: BASIC, assignment: assignment("分管民政副镇长", "社会事务办公室") },
  { itemCode: "PA-001", terms: BASIC, assignment: assignment("政法委员", "平安建设办公室") },
  { itemCode: "ZR-001", terms: BASIC, assignment: assignment("分管农业副镇长", "自然资源所") },
  { itemCode: "CJ-001", terms: BASIC, assignment: assignment("分管城建副镇长", "城乡建设办公室") },
  {
    itemCode: "PA-002",
    terms: {
      type: "COOPERATIVE",
      leadDepartments: ["XFJY"],
      departmentDuty: "制定检查标准,组织消防监督检查,依法查处消防违法行为",
      cooperationContent: ["开展日常消防安全巡查", "发现火灾隐患及时劝阻并报告县消防救援大队"],
      guarantees: [
        { kind: "TRAINING", description: "每年组织一次消防业务培训" },
        { kind: "EQUIPMENT", description: "配备基本消防巡查器材" },
      ],
    },
    assignment: assignment("分管应急副镇长", "应急管理办公室"),
  },
  {
    itemCode: "MS-002",
    terms: {
      type: "COOPERATIVE",
      leadDepartments: ["SCJGJ", "WJW"],
      departmentDuty: "组织食品安全监督检查,处置食品安全事故",
      cooperationContent: ["登记农村集体聚餐", "发现隐患及时报告"],
      guarantees: [{ kind: "GUIDANCE", description: "派驻市场监管所业务指导" }],
    },
    assignment: null,
  },
  {
    itemCode: "LY-001",
    terms: {
      type: "COOPERATIVE",
      leadDepartments: ["LYJ"],
      departmentDuty: "组织森林防火监督检查和火灾扑救",
      cooperationContent: ["开展森林防火巡查和宣传", "管控野外用火"],
      guarantees: [{ kind: "FUNDING", description: "护林员补助经费" }],
    },
    assignment: assignment("分管农业副镇长", "农业农村办公室"),
  },
  {
    itemCode: "ZR-002",
    terms: {
      type: "RECLAIMED",
      receivingDepartment: "ZRZYJ",
      wayOfWorking: "发现非法占地及时报告县自然资源局",
    },
    assignment: null,
  },
  {
    itemCode: "CJ-002",
    terms: { type: "RECLAIMED", receivingDepartment: "ZHZFJ", wayOfWorking: "发现违法建设及时劝阻并报告" },
    assignment: null,
  },
  {
    itemCode: "SC-001",
    terms: { type: "RECLAIMED", receivingDepartment: "SCJGJ", wayOfWorking: "配合提供线索" },
    assignment: null,
  },
];

const PUBLICATION: ListPublication = {
  id: "QX-2025",
  countyCode: COUNTY.code,
  title: "《青溪县乡镇(街道)履行职责事项清单(2025年版)》",
  documentNo: "青编发〔2024〕18号",
  publishedOn: isoDate("2024-12-20"),
  effectiveFrom: BASELINE,
  recordedOn: isoDate("2024-12-20"),
};

function baselineEntries(): ListEntry[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const entries: ListEntry[] = [];
  const add = (
    townshipCode: string,
    itemCode: string,
    terms: EntryTerms,
    assigned: InternalAssignment | null,
  ) => {
    const catalogued = byCode.get(itemCode);
    if (catalogued === undefined) throw new Error(`demo county: unknown item ${itemCode}`);
    entries.push({
      id: `${townshipCode}/${itemCode}`,
      countyCode: COUNTY.code,
      townshipCode,
      itemCode,
      terms,
      content: catalogued.content,
      assignment: assigned,
      effectiveFrom: BASELINE,
      effectiveTo: null,
      openedBy: PUBLICATION.id,
      closedBy: null,
    });
  };
  for (const township of townships) {
    for (const row of plan) {
      // A subdistrict has no farmland to patrol and no forest.
      if (township.kind === "SUBDISTRICT" && (row.itemCode === "ZR-001" || row.itemCode === "LY-001"))
        continue;
      add(township.code, row.itemCode, row.terms, row.assignment);
    }
  }
  add("QX-SM", "SM-TS-001", BASIC, assignment("分管文旅副乡长", "文化服务中心"));
  add("QX-BS", "BS-TS-001", BASIC, assignment("镇长", "经济发展办公室"));
  return entries;
}

function must<T>(result: Result<T, { readonly message: string }>, what: string): T {
  if (!result.ok) throw new Error(`demo county: ${what}: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.value;
}

const countyApproval = (approvedOn: IsoDate): Approval => ({
  level: "COUNTY",
  authority: "青溪县委机构编制委员会",
  approvedOn,
  documentNo: null,
  recordedOn: approvedOn,
});

/** The mid-year adjustments of 2025; the last one is proposed but not approved. */
function adjustments(): readonly (Omit<
  Adjustment,
  "countyCode" | "approvals" | "publication" | "recordedOn"
> & {
  readonly approvals: readonly Approval[];
  readonly publish: { readonly publishedOn: IsoDate; readonly effectiveFrom: IsoDate } | null;
})[] {
  return [
    {
      id: "QX-ADJ-2025-01",
      title: "占道经营查处收回县综合行政执法局",
      reason: "城区占道经营查处专业性强,乡镇无执法力量,收回由县综合行政执法局承担",
      trigger: { kind: "WORK_NEED", reference: "青溪县综合行政执法体制改革方案" },
      proposer: { kind: "DEPARTMENT", departmentCode: "ZHZFJ" },
      proposedOn: isoDate("2025-05-06"),
      changes: ["QX-CG", "QX-QX"].map((townshipCode) => ({
        kind: "RECLASSIFY" as const,
        townshipCode,
        itemCode: "CJ-001",
        terms: {
          type: "RECLAIMED" as const,
          receivingDepartment: "ZHZFJ",
          wayOfWorking: "发现占道经营及时劝导并报告",
        },
      })),
      approvals: [countyApproval(isoDate("2025-06-10"))],
      publish: { publishedOn: isoDate("2025-06-20"), effectiveFrom: isoDate("2025-07-01") },
    },
    {
      id: "QX-ADJ-2025-02",
      title: "城关镇新增燃气安全隐患排查配合事项",
      reason: "落实城镇燃气安全专项整治,需乡镇配合开展排查",
      trigger: { kind: "WORK_NEED", reference: "青溪县城镇燃气安全专项整治工作方案" },
      proposer: { kind: "COUNTY_GOVERNMENT" },
      proposedOn: isoDate("2025-06-02"),
      changes: [
        {
          kind: "ADD",
          townshipCode: "QX-CG",
          itemCode: "CJ-003",
          content: {
            category: "城乡建设",
            name: "燃气安全隐患排查",
            tasks: ["配合排查餐饮场所燃气安全隐患"],
            basis: [law("《城镇燃气管理条例》")],
          },
          terms: {
            type: "COOPERATIVE",
            leadDepartments: ["ZJJ"],
            departmentDuty: "组织燃气安全监督检查,依法查处违法行为",
            cooperationContent: ["摸排辖区餐饮场所燃气使用底数", "发现隐患及时报告"],
            guarantees: [{ kind: "TECHNOLOGY", description: "提供燃气隐患排查技术标准" }],
          },
          assignment: assignment("分管城建副镇长", "城乡建设办公室"),
        },
      ],
      approvals: [
        countyApproval(isoDate("2025-07-15")),
        {
          level: "PROVINCE",
          authority: "省委机构编制委员会办公室",
          approvedOn: isoDate("2025-08-12"),
          documentNo: "省编办函〔2025〕41号",
          recordedOn: isoDate("2025-08-12"),
        },
      ],
      publish: { publishedOn: isoDate("2025-08-20"), effectiveFrom: isoDate("2025-09-01") },
    },
    {
      id: "QX-ADJ-2025-03",
      title: "白沙镇新增违章建筑巡查拆除",
      reason: "县综合行政执法局提出由乡镇承担违章建筑巡查拆除",
      trigger: { kind: "WORK_NEED", reference: "县综合行政执法局工作需要" },
      proposer: { kind: "DEPARTMENT", departmentCode: "ZHZFJ" },
      proposedOn: isoDate("2025-10-09"),
      changes: [
        {
          kind: "ADD",
          townshipCode: "QX-BS",
          itemCode: "CJ-004",
          content: {
            category: "城乡建设",
            name: "违章建筑巡查拆除",
            tasks: ["查处未取得乡村建设规划许可证进行建设的行为", "组织拆除违章建筑"],
            basis: [law("《中华人民共和国城乡规划法》")],
          },
          terms: BASIC,
        },
      ],
      approvals: [],
      publish: null,
    },
    (() => {
      const { approvedOn, ...rest } = DEMO_2026_RECLASSIFICATION;
      return { ...rest, approvals: [countyApproval(approvedOn)] };
    })(),
  ];
}

const temporaryTasks: readonly (TemporaryTaskRegistration & {
  readonly close?: { on: IsoDate; note: string; recordedOn: IsoDate };
})[] = [
  {
    id: "QX-TT-2025-01",
    decision: {
      authority: "COUNTY_GOVERNMENT",
      documentNo: "青政办发〔2025〕12号",
      title: "《青溪县城乡环境卫生集中整治百日行动方案》",
      decidedOn: isoDate("2025-03-20"),
    },
    requestingDepartment: "ZJJ",
    townshipCodes: ["QX-CG", "QX-QX"],
    content: "城乡环境卫生集中整治百日行动",
    townshipRole: "LEAD",
    startsOn: isoDate("2025-04-01"),
    plannedEndOn: isoDate("2025-07-10"),
    registeredOn: isoDate("2025-03-25"),
    recordedOn: isoDate("2025-03-25"),
    // Closed on 15 July, entered a week later: recorded late (L2).
    close: {
      on: isoDate("2025-07-15"),
      note: "百日行动完成,经县政府验收销号",
      recordedOn: isoDate("2025-07-22"),
    },
  },
  {
    id: "QX-TT-2025-02",
    decision: {
      authority: "COUNTY_PARTY_COMMITTEE",
      documentNo: "青委办发〔2025〕30号",
      title: "《关于开展汛期安全隐患大排查的通知》",
      decidedOn: isoDate("2025-05-25"),
    },
    requestingDepartment: "YJGLJ",
    townshipCodes: ["QX-BS", "QX-SM", "QX-TY"],
    content: "汛期地质灾害和山塘水库安全隐患排查",
    townshipRole: "ASSIST",
    startsOn: isoDate("2025-06-01"),
    plannedEndOn: isoDate("2025-09-30"),
    registeredOn: isoDate("2025-05-28"),
    recordedOn: isoDate("2025-05-28"),
  },
];

/**
 * The demo county 青溪县: five townships, twelve departments, a 2025 baseline, two published
 * mid-year adjustments (a reclassification to a department on 1 July, an access-route addition
 * on 1 September), one pending proposal that resembles a reclaimed item (L6) and two temporary
 * tasks, one closed and one overdue at year end; then a 2026 version adding the hotline's items
 * (`demo-county-2026.ts`) with a reclassification on 1 July 2026. Built through the same workflow users go through.
 * @example listsAsOf(buildListIndex(demoCounty().entries), "QX-CG", isoDate("2025-08-01")).reclaimed.length // 4
 */
export function demoCounty(): CountyDataset {
  let dataset: CountyDataset = {
    county: COUNTY,
    townships,
    departments,
    items: [...items, ...DEMO_2026_ITEMS],
    publications: [PUBLICATION, DEMO_2026_PUBLICATION],
    entries: [...baselineEntries(), ...demo2026Entries()],
    adjustments: [],
    temporaryTasks: [],
  };
  for (const { approvals, publish, ...proposal } of adjustments()) {
    // Each change is recorded the day it was made (L2 knowledge time).
    dataset = must(
      proposeAdjustment(dataset, { ...proposal, recordedOn: proposal.proposedOn }),
      `propose ${proposal.id}`,
    ).dataset;
    for (const approval of approvals) {
      dataset = must(approveAdjustment(dataset, proposal.id, approval), `approve ${proposal.id}`).dataset;
    }
    if (publish !== null)
      dataset = must(
        publishAdjustment(dataset, proposal.id, { ...publish, recordedOn: publish.publishedOn }),
        `publish ${proposal.id}`,
      ).dataset;
  }
  for (const { close, ...registration } of temporaryTasks) {
    dataset = must(registerTemporaryTask(dataset, registration), `register ${registration.id}`).dataset;
    if (close !== undefined) {
      dataset = must(
        closeTemporaryTask(dataset, registration.id, close.on, close.note, close.recordedOn),
        `close ${registration.id}`,
      ).dataset;
    }
  }
  return dataset;
}
