// The workbook format (docs/import-format.md): sheets, their columns, Chinese headers as the
// published lists write them, and the English aliases accepted in their place.

export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  /** The header an export writes. */
  readonly header: string;
  /** Other headers accepted on import: variants seen in published lists, and English names. */
  readonly aliases: readonly string[];
  /** A required column must be present in the header row; its cells may still be optional. */
  readonly required: boolean;
}

export interface SheetSpec<K extends string = string> {
  readonly key: SheetKey;
  /** The sheet name an export writes, and the CSV file name (`<name>.csv`). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly columns: readonly ColumnSpec<K>[];
}

/**
 * The column keys of a sheet, as its definition in `SHEETS` names them: a record's cells are read
 * by these keys, and a key no column has does not compile.
 * @example const key: ColumnKey<"ratings"> = "departmentCode" // error: the column is "department"
 */
export type ColumnKey<S extends SheetKey> = (typeof SHEETS)[S]["columns"][number]["key"];

export type SheetKey =
  | "info"
  | "townships"
  | "departments"
  | "basic"
  | "cooperative"
  | "reclaimed"
  | "temporaryTasks"
  | "publications"
  | "adjustments"
  | "indicators"
  | "records"
  | "ratings"
  | "executionRecords";

function column<K extends string>(
  key: K,
  header: string,
  aliases: readonly string[],
  required = false,
): ColumnSpec<K> {
  return { key, header, aliases, required };
}

const SEQUENCE = column("no", "序号", ["编号", "no", "seq"]);

/** Columns every list sheet has (基本、配合、收回). */
const LIST_COLUMNS = [
  SEQUENCE,
  column("township", "乡镇(街道)", ["乡镇", "街道", "乡镇街道", "乡镇(街道)名称", "township"], true),
  column("itemCode", "事项编码", ["编码", "item code", "itemcode", "code"], true),
  column("category", "事项类别", ["类别", "category"]),
  column("name", "事项名称", ["履职事项", "name", "item name"], true),
  column("tasks", "具体工作事项", ["具体事项", "工作事项", "tasks"]),
  column("basis", "设定依据", ["法律依据", "依据", "basis"]),
] as const;

const ASSIGNMENT_COLUMNS = [
  column("leadingPost", "领办领导", ["班子成员领办", "leading post"]),
  column("office", "承办股室", ["业务股室承办", "office"]),
  column("assistingUnits", "协办单位", ["社区(村)协办", "assisting units"]),
] as const;

const INTERVAL_COLUMNS = [
  column("effectiveFrom", "生效日期", ["起始日期", "effective from", "from", "valid from"]),
  column("effectiveTo", "失效日期", ["终止日期", "截止日期", "effective to", "to", "valid to"]),
  // A workbook carrying the county's history (L2): the publication or adjustment that opened the
  // entry and the adjustment that closed it. Only the history export writes them.
  column("openedBy", "来源", ["来源编号", "发布或调整编号", "opened by", "source"]),
  column("closedBy", "终止依据", ["终止调整", "closed by"]),
] as const;

/** The columns only a workbook with the county's history writes (来源, 终止依据, 销号登记日期). */
export const HISTORY_COLUMN_KEYS: ReadonlySet<string> = new Set([
  "openedBy",
  "closedBy",
  "closingRecordedOn",
]);

export const SHEETS = {
  info: {
    key: "info",
    name: "清单信息",
    aliases: ["基本信息", "说明", "info", "county"],
    columns: [
      column("field", "项目", ["字段", "field", "key"], true),
      column("value", "内容", ["值", "value"], true),
    ],
  },
  townships: {
    key: "townships",
    name: "乡镇(街道)",
    aliases: ["乡镇", "乡镇街道", "townships"],
    columns: [
      SEQUENCE,
      column("code", "编码", ["乡镇编码", "乡镇(街道)编码", "代码", "code"], true),
      column("name", "名称", ["乡镇(街道)", "乡镇名称", "乡镇(街道)名称", "name"], true),
      column("kind", "类型", ["类别", "kind", "type"]),
    ],
  },
  departments: {
    key: "departments",
    name: "部门",
    aliases: ["县级部门", "departments"],
    columns: [
      SEQUENCE,
      column("code", "编码", ["部门编码", "代码", "code"], true),
      column("name", "名称", ["部门名称", "部门", "name"], true),
    ],
  },
  basic: {
    key: "basic",
    name: "基本履职事项",
    aliases: ["基本履职事项清单", "basic"],
    columns: [...LIST_COLUMNS, ...ASSIGNMENT_COLUMNS, ...INTERVAL_COLUMNS],
  },
  cooperative: {
    key: "cooperative",
    name: "配合履职事项",
    aliases: ["配合履职事项清单", "cooperative"],
    columns: [
      ...LIST_COLUMNS,
      column("leadDepartments", "牵头部门", ["主责部门", "lead departments", "leads"], true),
      column("departmentDuty", "上级部门职责", ["部门职责", "department duty"]),
      column("cooperationContent", "镇街配合职责", ["配合内容", "乡镇配合职责", "cooperation content"], true),
      column("guarantees", "履职保障", ["保障措施", "guarantees"]),
      ...ASSIGNMENT_COLUMNS,
      ...INTERVAL_COLUMNS,
    ],
  },
  reclaimed: {
    key: "reclaimed",
    name: "上级部门收回事项",
    aliases: ["上级部门收回事项清单", "收回事项", "reclaimed"],
    columns: [
      ...LIST_COLUMNS,
      column("receivingDepartment", "承接部门", ["收回部门", "receiving department", "receiver"], true),
      column("wayOfWorking", "工作方式", ["乡镇工作方式", "way of working"]),
      ...INTERVAL_COLUMNS,
    ],
  },
  temporaryTasks: {
    key: "temporaryTasks",
    name: "临时性工作任务",
    aliases: ["临时任务", "临时性工作任务台账", "temporary tasks", "tasks"],
    columns: [
      SEQUENCE,
      column("id", "任务编号", ["编号", "id"], true),
      column("authority", "决定机关", ["批准机关", "authority"], true),
      column("documentNo", "决定文号", ["文号", "document no"], true),
      column("title", "决定名称", ["文件名称", "title"]),
      column("decidedOn", "决定日期", ["批准日期", "decided on"], true),
      column("requestingDepartment", "提出部门", ["交办部门", "requesting department"], true),
      column("townships", "乡镇(街道)", ["乡镇", "townships"], true),
      column("content", "任务内容", ["工作任务", "content"], true),
      column("role", "乡镇角色", ["乡镇职责", "role"]),
      column("startsOn", "开始日期", ["starts on"], true),
      column("plannedEndOn", "计划完成日期", ["完成时限", "planned end"], true),
      column("registeredOn", "登记日期", ["registered on"]),
      column("closedOn", "销号日期", ["closed on"]),
      column("closingNote", "销号说明", ["closing note"]),
      // Knowledge time (L2) of the closing, when it was recorded after the day closed: history only.
      column("closingRecordedOn", "销号登记日期", ["closing recorded on"]),
    ],
  },
  publications: {
    key: "publications",
    name: "清单发布",
    aliases: ["清单版本", "publications"],
    columns: [
      SEQUENCE,
      column("id", "发布编号", ["版本编号", "id"], true),
      column("title", "清单名称", ["名称", "title"], true),
      column("documentNo", "发布文号", ["文号", "document no"]),
      column("publishedOn", "发布日期", ["published on"], true),
      column("effectiveFrom", "生效日期", ["effective from"], true),
      column("recordedOn", "登记日期", ["recorded on"]),
    ],
  },
  adjustments: {
    key: "adjustments",
    name: "清单调整",
    aliases: ["调整记录", "清单调整记录", "adjustments"],
    columns: [
      SEQUENCE,
      column("id", "调整编号", ["id"], true),
      column("title", "调整名称", ["名称", "title"], true),
      column("reason", "调整理由", ["理由", "reason"], true),
      column("trigger", "调整依据类型", ["依据类型", "trigger"]),
      column("triggerReference", "调整依据文件", ["依据文件", "trigger reference"], true),
      column("proposer", "提出单位", ["提出方", "proposer"], true),
      column("proposedOn", "提出日期", ["proposed on"], true),
      column("recordedOn", "登记日期", ["recorded on"]),
      column("countyAuthority", "县级审批机关", ["county authority"]),
      column("countyApprovedOn", "县级审批日期", ["county approved on"]),
      column("countyDocumentNo", "县级审批文号", ["county document no"]),
      column("provinceAuthority", "省级审批机关", ["province authority"]),
      column("provinceApprovedOn", "省级审批日期", ["province approved on"]),
      column("provinceDocumentNo", "省级审批文号", ["province document no"]),
      column("publishedOn", "发布日期", ["published on"]),
      column("effectiveFrom", "生效日期", ["effective from"]),
    ],
  },
  indicators: {
    key: "indicators",
    name: "考核指标",
    aliases: ["考核方案", "指标", "indicators"],
    columns: [
      SEQUENCE,
      column("parentCode", "一级指标编码", ["parent code"], true),
      column("parentName", "一级指标", ["一级指标名称", "parent name"], true),
      column("code", "指标编码", ["二级指标编码", "code"], true),
      column("name", "二级指标", ["指标名称", "二级指标名称", "name"], true),
      column("subject", "考核对象", ["对象", "subject"], true),
      column("track", "考核类别", ["考核分类", "track"]),
      column("points", "分值", ["points"], true),
      column("method", "计分方法", ["评分方法", "method"], true),
      column("perEvent", "每次扣分", ["扣分标准", "per event"]),
      column("binding", "考核内容", ["绑定", "binding"], true),
    ],
  },
  records: {
    key: "records",
    name: "考核记录",
    aliases: ["记录", "records"],
    columns: [
      SEQUENCE,
      column("id", "记录编号", ["id"], true),
      column("indicatorCode", "指标编码", ["指标", "indicator"], true),
      column("subject", "考核对象", ["对象", "subject"], true),
      column("township", "乡镇(街道)", ["乡镇", "township"], true),
      column("itemCode", "事项编码", ["item code", "item"]),
      column("matter", "事项说明", ["事由", "matter"]),
      column("date", "日期", ["记录日期", "date"], true),
      column("achieved", "完成值", ["achieved"]),
      column("target", "目标值", ["target"]),
      column("events", "扣分次数", ["次数", "events"]),
      column("score", "评分", ["得分", "score"]),
      column("passed", "是否达标", ["达标", "passed"]),
    ],
  },
  ratings: {
    key: "ratings",
    name: "双向评价",
    aliases: ["部门评价", "ratings"],
    columns: [
      SEQUENCE,
      column("id", "记录编号", ["id"], true),
      column("year", "年度", ["year"], true),
      column("township", "乡镇(街道)", ["乡镇", "township"], true),
      column("department", "部门", ["被评价部门", "department"], true),
      column("score", "评分", ["得分", "score"], true),
    ],
  },
  executionRecords: {
    key: "executionRecords",
    name: "履职执行记录",
    aliases: ["执行记录", "execution records"],
    columns: [
      SEQUENCE,
      column("id", "记录编号", ["id"], true),
      column("kind", "类型", ["记录类型", "kind"], true),
      column("township", "乡镇(街道)", ["乡镇", "township"], true),
      column("department", "部门", ["department"], true),
      column("itemCode", "事项编码", ["item code", "item"]),
      column("date", "日期", ["吹哨日期", "应交付日期", "date"], true),
      column("timeLimitDays", "报到时限(天)", ["时限", "time limit"]),
      column("doneOn", "完成日期", ["报到日期", "交付日期", "done on"]),
      column("guaranteeKind", "保障类别", ["guarantee kind"]),
      column("matter", "事项说明", ["事由", "matter"]),
    ],
  },
} as const satisfies Readonly<Record<SheetKey, SheetSpec>>;

/** The sheets in the order an export writes them. */
export const SHEET_ORDER: readonly SheetKey[] = [
  "info",
  "townships",
  "departments",
  "basic",
  "cooperative",
  "reclaimed",
  "temporaryTasks",
  "publications",
  "adjustments",
  "indicators",
  "records",
  "ratings",
  "executionRecords",
];

/**
 * Normalises a header or sheet name for matching: no spaces, ASCII parentheses, lower case.
 * @example normalizeHeader(" 乡镇（街道） ") // "乡镇(街道)"
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toLowerCase();
}

/** Keys of the 清单信息 sheet: one row per field (项目 | 内容). */
export const INFO_FIELDS = {
  countyCode: "县(市、区)编码",
  countyName: "县(市、区)名称",
  title: "清单名称",
  documentNo: "发布文号",
  publishedOn: "发布日期",
  effectiveFrom: "生效日期",
  asOf: "版本日期",
  reason: "调整理由",
  trigger: "调整依据类型",
  triggerReference: "调整依据文件",
  countyAuthority: "县级审批机关",
  countyApprovedOn: "县级审批日期",
  countyDocumentNo: "县级审批文号",
  provinceAuthority: "省级审批机关",
  provinceApprovedOn: "省级审批日期",
  provinceDocumentNo: "省级审批文号",
  planId: "考核方案编号",
  planTitle: "考核方案名称",
  planYear: "考核年度",
  revision: "数据版本",
  exportedAt: "导出时间",
} as const;

export type InfoField = keyof typeof INFO_FIELDS;

/** English aliases of the 清单信息 fields. */
export const INFO_ALIASES: Readonly<Record<InfoField, readonly string[]>> = {
  countyCode: ["county code", "县编码"],
  countyName: ["county name", "县名称"],
  title: ["title", "清单文件"],
  documentNo: ["document no", "文号"],
  publishedOn: ["published on"],
  effectiveFrom: ["effective from"],
  asOf: ["as of", "清单日期"],
  reason: ["reason"],
  trigger: ["trigger"],
  triggerReference: ["trigger reference"],
  countyAuthority: ["county authority"],
  countyApprovedOn: ["county approved on"],
  countyDocumentNo: ["county document no"],
  provinceAuthority: ["province authority"],
  provinceApprovedOn: ["province approved on"],
  provinceDocumentNo: ["province document no"],
  planId: ["plan id"],
  planTitle: ["plan title"],
  planYear: ["plan year", "year"],
  revision: ["revision"],
  exportedAt: ["exported at"],
};

/** The word that stands for every township in a 乡镇(街道) cell. */
export const ALL_TOWNSHIPS = "全部";
