import { type IsoDate, isoDate } from "../base/calendar-date.ts";
import type { ListPublication } from "../county/county-dataset.ts";
import type { DutyItem, ItemContent, LegalCitation } from "../county/duty-item.ts";
import type { EntryTerms, ListEntry } from "../lists/list-entry.ts";

// 青溪县's 2026 version: the 2025 lists continue, and the county adds the items its 12345 hotline
// receives most (H1). Everything here takes effect on 2026-01-01, so the 2025 assessment and the
// determinations of 2025 are untouched. Look-alike pairs sit on different lists on purpose:
// 餐饮油烟 (reclaimed in town centres) vs 露天烧烤 (basic), 宅基地建房巡查 (basic) vs 非法占用土地
// (ZR-002, reclaimed), 河道保洁 (basic) vs 非法采砂 (reclaimed).

const COUNTY = "QX";
export const DEMO_2026_FROM: IsoDate = isoDate("2026-01-01");

export const DEMO_2026_PUBLICATION: ListPublication = {
  id: "QX-2026",
  countyCode: COUNTY,
  title: "《青溪县乡镇(街道)履行职责事项清单(2026年版)》",
  documentNo: "青编发〔2025〕22号",
  publishedOn: isoDate("2025-12-20"),
  effectiveFrom: DEMO_2026_FROM,
  recordedOn: isoDate("2025-12-20"),
};

const law = (document: string, article?: string): LegalCitation =>
  article === undefined ? { document } : { document, article };

const item = (code: string, content: ItemContent): DutyItem => ({
  code,
  countyCode: COUNTY,
  townshipCode: null,
  content,
});

export const DEMO_2026_ITEMS: readonly DutyItem[] = [
  item("HJ-001", {
    category: "生态环境",
    name: "餐饮油烟污染监管",
    tasks: ["检查餐饮单位油烟净化设施安装和使用", "查处油烟超标排放"],
    basis: [law("《中华人民共和国大气污染防治法》", "第八十一条")],
  }),
  item("CJ-005", {
    category: "城乡建设",
    name: "露天烧烤和夜市摊点管理",
    tasks: ["劝导制止城镇区域露天烧烤", "规范夜市摊点经营秩序"],
    basis: [law("《中华人民共和国大气污染防治法》", "第一百一十八条")],
  }),
  item("ZR-004", {
    category: "自然资源",
    name: "农村宅基地建房巡查",
    tasks: ["巡查村民在宅基地上建房", "对未按批准面积、层数建房的及时劝阻并报告"],
    basis: [law("《中华人民共和国土地管理法》", "第六十二条")],
  }),
  item("SL-001", {
    category: "水利",
    name: "河道保洁和巡河",
    tasks: ["组织清理河道水面垃圾和漂浮物", "落实村级河长巡河"],
    basis: [law("《中华人民共和国水法》"), law("《关于全面推行河长制的意见》")],
  }),
  item("SL-002", {
    category: "水利",
    name: "河道非法采砂查处",
    tasks: ["查处未经许可在河道管理范围内采砂", "扣押非法采砂船只机具"],
    basis: [law("《中华人民共和国河道管理条例》", "第二十五条")],
  }),
  item("CJ-006", {
    category: "城乡建设",
    name: "生活垃圾收运",
    tasks: ["组织村(社区)生活垃圾收集清运", "督促垃圾分类投放"],
    basis: [law("《中华人民共和国固体废物污染环境防治法》")],
  }),
  item("CJ-007", {
    category: "城乡建设",
    name: "农村公路日常养护",
    tasks: ["组织乡道村道日常养护", "排查路面坑洼和桥涵损坏"],
    basis: [law("《农村公路养护管理办法》")],
  }),
  item("MS-003", {
    category: "民生服务",
    name: "城乡居民养老保险参保服务",
    tasks: ["受理城乡居民养老保险参保登记", "协助待遇领取资格认证"],
    basis: [law("《中华人民共和国社会保险法》")],
  }),
  item("MS-004", {
    category: "民生服务",
    name: "临时救助",
    tasks: ["受理临时救助申请", "对遭遇急难的群众先行救助"],
    basis: [law("《社会救助暂行办法》", "第四十七条")],
  }),
  item("PA-003", {
    category: "平安法治",
    name: "社会生活噪声扰民劝导",
    tasks: ["劝导处置广场舞、装修等社会生活噪声扰民"],
    basis: [law("《中华人民共和国噪声污染防治法》")],
  }),
  item("NY-001", {
    category: "乡村振兴",
    name: "动物防疫和病死畜禽处置",
    tasks: ["组织春秋两季动物集中免疫", "发现病死畜禽及时报告并监督无害化处理"],
    basis: [law("《中华人民共和国动物防疫法》")],
  }),
  item("YJ-001", {
    category: "应急管理",
    name: "地质灾害和山洪隐患巡查",
    tasks: ["汛期巡查地质灾害和山洪隐患点", "组织受威胁群众转移避险"],
    basis: [law("《地质灾害防治条例》")],
  }),
  item("SC-002", {
    category: "市场监管",
    name: "消费纠纷和价格投诉处理",
    tasks: ["受理消费者投诉", "查处价格违法行为"],
    basis: [law("《中华人民共和国消费者权益保护法》")],
  }),
];

const ALL = ["QX-CG", "QX-QX", "QX-BS", "QX-SM", "QX-TY"] as const;
const TOWNS = ["QX-CG", "QX-BS", "QX-SM", "QX-TY"] as const;
const BASIC: EntryTerms = { type: "BASIC" };

function cooperative(lead: string, departmentDuty: string, cooperationContent: string[]): EntryTerms {
  return { type: "COOPERATIVE", leadDepartments: [lead], departmentDuty, cooperationContent, guarantees: [] };
}

function reclaimed(receivingDepartment: string, wayOfWorking: string): EntryTerms {
  return { type: "RECLAIMED", receivingDepartment, wayOfWorking };
}

/** Where each 2026 item sits: township codes and the terms there. */
const PLACEMENT: readonly (readonly [string, readonly string[], EntryTerms])[] = [
  ["HJ-001", ["QX-CG", "QX-QX"], reclaimed("ZHZFJ", "发现油烟扰民及时报告县综合行政执法局")],
  [
    "HJ-001",
    ["QX-BS", "QX-SM", "QX-TY"],
    cooperative("STHJ", "组织油烟排放监测和执法", [
      "摸排辖区餐饮单位油烟净化设施底数",
      "发现油烟扰民及时劝导并报告",
    ]),
  ],
  ["CJ-005", ALL, BASIC],
  ["ZR-004", TOWNS, BASIC],
  ["SL-001", ALL, BASIC],
  ["SL-002", TOWNS, reclaimed("ZRZYJ", "发现非法采砂及时报告县自然资源局")],
  ["CJ-006", ALL, BASIC],
  ["CJ-007", TOWNS, BASIC],
  ["CJ-007", ["QX-QX"], cooperative("ZJJ", "组织城市道路维修养护", ["巡查发现道路破损及时报告"])],
  [
    "MS-003",
    ALL,
    cooperative("RSJ", "经办城乡居民养老保险", ["受理参保登记和缴费咨询", "协助开展待遇领取资格认证"]),
  ],
  ["MS-004", ALL, BASIC],
  ["PA-003", ALL, BASIC],
  [
    "NY-001",
    TOWNS,
    cooperative("NYNCJ", "组织动物疫病防控和病死畜禽无害化处理", [
      "组织村级防疫员开展集中免疫",
      "发现病死畜禽及时报告",
    ]),
  ],
  [
    "YJ-001",
    ["QX-BS", "QX-SM", "QX-TY"],
    cooperative("YJGLJ", "组织地质灾害和山洪防治", ["落实隐患点群测群防巡查", "组织受威胁群众转移"]),
  ],
  ["SC-002", ALL, reclaimed("SCJGJ", "引导群众向市场监管所投诉")],
];

/** The entries the 2026 version opens, all from 2026-01-01. */
export function demo2026Entries(): ListEntry[] {
  const byCode = new Map(DEMO_2026_ITEMS.map((i) => [i.code, i]));
  return PLACEMENT.flatMap(([itemCode, townshipCodes, terms]) =>
    townshipCodes.map((townshipCode) => ({
      id: `${townshipCode}/${itemCode}`,
      countyCode: COUNTY,
      townshipCode,
      itemCode,
      terms,
      content: (byCode.get(itemCode) as DutyItem).content,
      assignment: null,
      effectiveFrom: DEMO_2026_FROM,
      effectiveTo: null,
      openedBy: DEMO_2026_PUBLICATION.id,
      closedBy: null,
    })),
  );
}

/** The 2026 mid-year reclassification: 露天烧烤 in the two town centres goes to 综合行政执法局 on 1 July. */
export const DEMO_2026_RECLASSIFICATION = {
  id: "QX-ADJ-2026-01",
  title: "城区露天烧烤管理收回县综合行政执法局",
  reason: "城区露天烧烤和夜市摊点执法量大,乡镇无执法力量,收回由县综合行政执法局承担",
  trigger: { kind: "WORK_NEED" as const, reference: "青溪县城区夜间经济管理方案" },
  proposer: { kind: "DEPARTMENT" as const, departmentCode: "ZHZFJ" },
  proposedOn: isoDate("2026-04-08"),
  changes: ["QX-CG", "QX-QX"].map((townshipCode) => ({
    kind: "RECLASSIFY" as const,
    townshipCode,
    itemCode: "CJ-005",
    terms: reclaimed("ZHZFJ", "发现露天烧烤及时劝导并报告"),
  })),
  approvedOn: isoDate("2026-05-20"),
  publish: { publishedOn: isoDate("2026-06-18"), effectiveFrom: isoDate("2026-07-01") },
};
