/**
 * The words for what a constraint violation collided on (finding 7): tables and columns named as
 * a county clerk knows them, so no message shows a raw constraint or table name.
 */

/** Each table the store writes, as a noun. */
const TABLE_NOUN: Readonly<Record<string, string>> = {
  county: "县",
  township: "乡镇(街道)",
  department: "部门",
  duty_item: "履职事项",
  list_publication: "清单发布",
  list_entry: "清单条目",
  adjustment: "清单调整",
  adjustment_approval: "清单调整的审批",
  temporary_task: "临时任务",
  assessment_plan: "考核方案",
  indicator: "考核指标",
  performance_record: "考核记录",
  whistle_request: "吹哨报到记录",
  guarantee_delivery: "部门保障记录",
  push_down_report: "违规下压事项报告",
  unattended_report: "无人管事项报告",
  department_rating: "乡镇对部门的评价",
  determination: "责任认定",
  determination_party: "责任认定的当事方",
  county_revision: "县的版本号",
};

const COLUMN_NOUN: Readonly<Record<string, string>> = {
  county_id: "县",
  id: "编号",
  code: "编码",
  year: "年度",
  township_code: "乡镇(街道)",
  department_code: "部门",
  item_code: "事项",
  plan_id: "考核方案",
  adjustment_id: "清单调整",
  decision_id: "认定编号",
  level: "审批层级",
};

/** What a foreign key refers to, by constraint name (`prisma/migrations`). */
const REFERENCED: Readonly<Record<string, string>> = {
  township_county_id_fkey: "county",
  department_county_id_fkey: "county",
  duty_item_county_id_fkey: "county",
  list_entry_county_id_township_code_fkey: "township",
  list_entry_county_id_item_code_fkey: "duty_item",
  adjustment_approval_county_id_adjustment_id_fkey: "adjustment",
  indicator_county_id_plan_id_fkey: "assessment_plan",
  determination_party_county_id_decision_id_fkey: "determination",
};

/** What the drivers tell of a violation: PGlite gives the key's values, adapter-pg only its columns. */
export interface Violation {
  /** The constraint's name, when the driver gives it. */
  readonly constraint: string | null;
  /** The key's columns, in order, when known. */
  readonly columns: readonly string[];
  /** The key's values, aligned with `columns`, when known. */
  readonly values: readonly string[] | null;
}

/**
 * The table a constraint belongs to: the longest table name its name starts with, else `fallback`.
 * @example tableOf("department_rating_county_id_year_township_code_department_c_key", "x") // "department_rating"
 */
export function tableOf(constraint: string | null, fallback: string): string {
  if (constraint === null) return fallback;
  const tables = Object.keys(TABLE_NOUN)
    .filter((t) => constraint.startsWith(`${t}_`))
    .sort((a, b) => b.length - a.length);
  return tables[0] ?? fallback;
}

/**
 * The noun of a table, or the table's own name when it has none.
 * @example tableNoun("list_entry") // "清单条目"
 */
export function tableNoun(table: string): string {
  return TABLE_NOUN[table] ?? table;
}

function keyWords(violation: Violation): string {
  const parts = violation.columns.map((column, n) => {
    const noun = COLUMN_NOUN[column] ?? column;
    const value = violation.values?.[n];
    return value === undefined ? noun : `${noun} ${value}`;
  });
  return parts.length === 0 ? "" : `(${parts.join(",")})`;
}

/**
 * The words of a unique violation on `table`: the rating and plan keys as sentences, any other
 * key as the table's noun and the key's columns (with values when the driver gave them).
 * @example uniqueMessage("assessment_plan", { constraint: null, columns: ["county_id", "year"], values: ["QX", "2025"] })
 * // "县 QX 的 2025 年度考核方案已存在"
 */
export function uniqueMessage(table: string, violation: Violation): string {
  const value = (column: string): string | null => {
    const n = violation.columns.indexOf(column);
    return n < 0 ? null : (violation.values?.[n] ?? null);
  };
  if (table === "department_rating" && violation.columns.includes("year")) {
    const [township, department, year] = [value("township_code"), value("department_code"), value("year")];
    if (township !== null && department !== null && year !== null)
      return `乡镇 ${township} 对部门 ${department} 的 ${year} 年度评价已存在`;
    return "同一乡镇对同一部门的同一年度评价已存在(每个乡镇对每个部门每年只评价一次)";
  }
  if (table === "assessment_plan" && violation.columns.includes("year")) {
    const [county, year] = [value("county_id"), value("year")];
    if (county !== null && year !== null) return `县 ${county} 的 ${year} 年度考核方案已存在`;
    return "该县同一年度的考核方案已存在(每县每年一个考核方案)";
  }
  return `${tableNoun(table)}${keyWords(violation)}已存在`;
}

/**
 * The words of a foreign-key violation on `table`: what it refers to that is not stored.
 * @example referenceMessage("list_entry", { constraint: "list_entry_county_id_township_code_fkey", columns: [], values: null })
 * // "清单条目引用的乡镇(街道)不存在"
 */
export function referenceMessage(table: string, violation: Violation): string {
  const referenced = violation.constraint === null ? undefined : REFERENCED[violation.constraint];
  const what = referenced === undefined ? "记录" : tableNoun(referenced);
  return `${tableNoun(table)}引用的${what}不存在${keyWords(violation)}`;
}
