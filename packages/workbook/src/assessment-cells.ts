import type {
  AssessmentSubject,
  IndicatorBinding,
  ListExecutionAspect,
  ListType,
  ScoringMethodKind,
  TownshipTrack,
} from "@dutylist/core";
import { type DecimalString, exact, isDecimalString } from "@dutylist/core";
import { parseBooleanCell, parseDecimalCell, parseIntegerCell, splitNames } from "./cell-values.ts";
import { normalizeHeader } from "./format.ts";
import type { IssueLog, SheetRecord } from "./sheet-reader.ts";
import type { WorkbookIssueCode } from "./sheet-table.ts";

// The cell language of the assessment sheets (考核指标, 考核记录, 双向评价): the words an export
// writes and an import accepts, in one place so that the two cannot drift apart, and the readers
// of required, worded and numeric cells that log what is wrong with a cell and what is expected.

/**
 * A closed set of values with their words: the first is written, every word (and the value) read.
 * @example METHOD_WORDS.written.RATIO // "按比例"
 */
export interface Vocabulary<T extends string> {
  /** The word an export writes for each value. */
  readonly written: Readonly<Record<T, string>>;
  /** The value a cell names, matched like headers (spaces, full-width parentheses, case). */
  read(text: string): T | undefined;
  /** The accepted words, for messages. */
  readonly hint: string;
}

function vocabulary<T extends string>(
  words: Readonly<Record<T, readonly [string, ...string[]]>>,
): Vocabulary<T> {
  const entries = Object.entries(words) as [T, readonly [string, ...string[]]][];
  const accepted = new Map<string, T>();
  for (const [value, names] of entries)
    for (const name of [...names, value]) accepted.set(normalizeHeader(name), value);
  return {
    written: Object.fromEntries(entries.map(([value, names]) => [value, names[0]])) as Record<T, string>,
    read: (text) => accepted.get(normalizeHeader(text)),
    hint: entries.map(([, names]) => names[0]).join("、"),
  };
}

/**
 * 考核对象: 乡镇(街道) or 部门.
 * @example SUBJECT_WORDS.read("乡镇（街道）") // "TOWNSHIP"
 */
export const SUBJECT_WORDS: Vocabulary<AssessmentSubject> = vocabulary({
  TOWNSHIP: ["乡镇", "乡镇(街道)", "街道"],
  DEPARTMENT: ["部门", "县级部门"],
});

/**
 * 考核类别 of a township indicator: the score it feeds (S2, S3).
 * @example TRACK_WORDS.read("核心") // "CORE"
 */
export const TRACK_WORDS: Vocabulary<TownshipTrack> = vocabulary({
  CORE: ["核心考核", "核心", "核心考核指标"],
  COLLABORATIVE: ["协同评价", "协同"],
});

/**
 * 计分方法 (S8).
 * @example METHOD_WORDS.read("比例") // "RATIO"
 */
export const METHOD_WORDS: Vocabulary<ScoringMethodKind> = vocabulary({
  RATIO: ["按比例", "比例", "比例法"],
  DEDUCTION: ["扣分", "扣分法"],
  GRADED: ["评分", "评分法"],
  PASS_FAIL: ["达标", "是否达标", "达标法"],
});

/**
 * A list type in a `清单:` binding.
 * @example LIST_TYPE_WORDS.read("配合履职事项清单") // "COOPERATIVE"
 */
export const LIST_TYPE_WORDS: Vocabulary<ListType> = vocabulary({
  BASIC: ["基本履职事项", "基本履职事项清单", "基本"],
  COOPERATIVE: ["配合履职事项", "配合履职事项清单", "配合"],
  RECLAIMED: ["上级部门收回事项", "上级部门收回事项清单", "收回事项", "收回"],
});

/**
 * What a `履职执行:` binding measures (S5).
 * @example ASPECT_WORDS.read("吹哨报到") // "WHISTLES_ANSWERED"
 */
export const ASPECT_WORDS: Vocabulary<ListExecutionAspect> = vocabulary({
  GUARANTEES_DELIVERED: ["履职保障落实", "履职保障"],
  WHISTLES_ANSWERED: ["吹哨报到", "吹哨报到响应"],
  UNREGISTERED_PUSH_DOWNS: ["擅自转嫁任务", "擅自向基层转嫁任务"],
  RECLAIMED_UNATTENDED: ["收回事项承接缺位", "承接缺位"],
});

const KIND_WORDS: Vocabulary<IndicatorBinding["kind"]> = vocabulary({
  ITEMS: ["事项"],
  SELECTOR: ["清单"],
  LIST_EXECUTION: ["履职执行", "清单执行"],
  TWO_WAY_RATING: ["双向评价"],
});

/**
 * The 考核内容 language, for messages.
 * @example `考核内容应写作 ${BINDING_SYNTAX}`
 */
export const BINDING_SYNTAX =
  "事项:编码、编码 / 清单:基本履职事项[/类别] / 履职执行:履职保障落实|吹哨报到|擅自转嫁任务|收回事项承接缺位 / 双向评价";

/**
 * A 考核内容 cell read: the binding, or what is wrong with it.
 * @example readBinding("事项:NO-SUCH", () => false) // { ok: false, code: "UNKNOWN_ITEM", message: "考核内容中的事项 NO-SUCH 不在本县事项目录中…" }
 */
export type BindingReading =
  | { readonly ok: true; readonly binding: IndicatorBinding }
  | { readonly ok: false; readonly code: WorkbookIssueCode; readonly message: string };

function problem(code: WorkbookIssueCode, message: string): BindingReading {
  return { ok: false, code, message };
}

function readItems(rest: string, isItem: (code: string) => boolean): BindingReading {
  const itemCodes = splitNames(rest);
  if (itemCodes.length === 0) return problem("REQUIRED", "“事项:”后须列出事项编码,以“、”分隔");
  const unknown = itemCodes.filter((code) => !isItem(code));
  if (unknown.length > 0)
    return problem("UNKNOWN_ITEM", `考核内容中的事项 ${unknown.join("、")} 不在本县事项目录中:须为事项编码`);
  return { ok: true, binding: { kind: "ITEMS", itemCodes } };
}

function readSelector(rest: string): BindingReading {
  const [typeWord = "", ...category] = rest.split(/[/／·]/);
  const listType = LIST_TYPE_WORDS.read(typeWord);
  if (listType === undefined)
    return problem(
      "UNKNOWN_VALUE",
      `“清单:”后的清单类型“${typeWord.trim()}”无法识别:应为 ${LIST_TYPE_WORDS.hint},可加“/事项类别”`,
    );
  const name = category.join("/").trim();
  return { ok: true, binding: { kind: "SELECTOR", listType, category: name === "" ? null : name } };
}

/**
 * Reads a 考核内容 cell (see `BINDING_SYNTAX`; `:` or `：`). `isItem` says which codes are in the
 * county's catalogue.
 * @example readBinding("清单:基本履职事项/民生服务", () => true) // { ok: true, binding: { kind: "SELECTOR", listType: "BASIC", category: "民生服务" } }
 */
export function readBinding(text: string, isItem: (code: string) => boolean): BindingReading {
  const colon = text.search(/[:：]/);
  const word = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? "" : text.slice(colon + 1).trim();
  const kind = KIND_WORDS.read(word);
  switch (kind) {
    case undefined:
      return problem("UNKNOWN_VALUE", `考核内容“${text}”无法识别:应写作 ${BINDING_SYNTAX}`);
    case "ITEMS":
      return readItems(rest, isItem);
    case "SELECTOR":
      return readSelector(rest);
    case "LIST_EXECUTION": {
      const aspect = ASPECT_WORDS.read(rest);
      return aspect === undefined
        ? problem("UNKNOWN_VALUE", `履职执行方面“${rest}”无法识别:应为 ${ASPECT_WORDS.hint} 之一`)
        : { ok: true, binding: { kind, aspect } };
    }
    case "TWO_WAY_RATING":
      return rest === ""
        ? { ok: true, binding: { kind } }
        : problem("UNKNOWN_VALUE", `“双向评价”后不应再写内容(此处为“${rest}”)`);
  }
}

/**
 * Writes a binding as its 考核内容 cell; `readBinding` reads it back.
 * @example bindingText({ kind: "ITEMS", itemCodes: ["PA-001", "PA-002"] }) // "事项:PA-001、PA-002"
 */
export function bindingText(binding: IndicatorBinding): string {
  switch (binding.kind) {
    case "ITEMS":
      return `事项:${binding.itemCodes.join("、")}`;
    case "SELECTOR": {
      const list = LIST_TYPE_WORDS.written[binding.listType];
      return `清单:${binding.category === null ? list : `${list}/${binding.category}`}`;
    }
    case "LIST_EXECUTION":
      return `履职执行:${ASPECT_WORDS.written[binding.aspect]}`;
    case "TWO_WAY_RATING":
      return KIND_WORDS.written.TWO_WAY_RATING;
  }
}

function header<K extends string>(record: SheetRecord<K>, key: K): string {
  return record.at(key).header ?? key;
}

/**
 * A required text cell; `null` after logging that it is empty and what it should hold.
 * @example requiredText(record, "id", log, "记录编号") // "R-001"
 */
export function requiredText<K extends string>(
  record: SheetRecord<K>,
  key: K,
  log: IssueLog,
  what: string,
): string | null {
  const text = record.text(key);
  if (text !== "") return text;
  log.add("REQUIRED", record.at(key), `${header(record, key)}不能为空:应填${what}`);
  return null;
}

/**
 * A required cell naming a value of a vocabulary; `null` after logging why not.
 * @example requiredWord(record, "method", METHOD_WORDS, log) // "RATIO"
 */
export function requiredWord<T extends string, K extends string>(
  record: SheetRecord<K>,
  key: K,
  words: Vocabulary<T>,
  log: IssueLog,
): T | null {
  const text = requiredText(record, key, log, words.hint);
  if (text === null) return null;
  const value = words.read(text);
  if (value === undefined)
    log.add(
      "UNKNOWN_VALUE",
      record.at(key),
      `${header(record, key)}“${text}”无法识别:应为 ${words.hint} 之一`,
    );
  return value ?? null;
}

/**
 * The least value a decimal cell accepts, inclusive or not, and the greatest.
 * @example const score: DecimalBounds = { min: 0, minInclusive: true, max: 100, ruleId: "S6" };
 */
export interface DecimalBounds {
  readonly min: number;
  readonly minInclusive: boolean;
  readonly max?: number;
  readonly ruleId?: string;
}

function describe(bounds: DecimalBounds): string {
  const low = bounds.minInclusive ? `不小于 ${bounds.min}` : `大于 ${bounds.min}`;
  return bounds.max === undefined ? `${low} 的数` : `${bounds.min}–${bounds.max} 之间的数`;
}

/**
 * A required decimal cell within bounds, kept as written (`"90.0"` stays `"90.0"`); `null` after
 * logging that it is empty, not a number, or out of bounds.
 * @example requiredDecimal(record, "target", { min: 0, minInclusive: false }, log) // "20"
 */
export function requiredDecimal<K extends string>(
  record: SheetRecord<K>,
  key: K,
  bounds: DecimalBounds,
  log: IssueLog,
): string | null {
  const at = record.at(key);
  const ruleId = bounds.ruleId ?? null;
  const value = parseDecimalCell(record.cell(key));
  if (value === null) {
    log.add("REQUIRED", at, `${header(record, key)}不能为空:应填${describe(bounds)}`, ruleId);
    return null;
  }
  if (value === undefined || !isDecimalString(value)) {
    log.add(
      "NOT_A_NUMBER",
      at,
      `${header(record, key)}“${record.text(key)}”不是数:应填${describe(bounds)}`,
      ruleId,
    );
    return null;
  }
  const n = exact(value);
  const tooLow = bounds.minInclusive ? n.lessThan(bounds.min) : n.lessThanOrEqualTo(bounds.min);
  if (tooLow || (bounds.max !== undefined && n.greaterThan(bounds.max))) {
    log.add("UNKNOWN_VALUE", at, `${header(record, key)}为 ${value}:应为${describe(bounds)}`, ruleId);
    return null;
  }
  return value;
}

/**
 * A value cell of a record as read: its value, `null` when empty, `undefined` after logging that
 * it cannot be read. What the value may be (not negative, 0–100, …) is the core's record checks'.
 * @example readCell(record, "events", "INTEGER", log) // 2
 */
export function readCell<K extends string>(
  record: SheetRecord<K>,
  key: K,
  kind: "DECIMAL",
  log: IssueLog,
  ruleId?: string,
): DecimalString | null | undefined;
export function readCell<K extends string>(
  record: SheetRecord<K>,
  key: K,
  kind: "INTEGER",
  log: IssueLog,
  ruleId?: string,
): number | null | undefined;
export function readCell<K extends string>(
  record: SheetRecord<K>,
  key: K,
  kind: "BOOLEAN",
  log: IssueLog,
  ruleId?: string,
): boolean | null | undefined;
export function readCell<K extends string>(
  record: SheetRecord<K>,
  key: K,
  kind: "DECIMAL" | "INTEGER" | "BOOLEAN",
  log: IssueLog,
  ruleId?: string,
): DecimalString | number | boolean | null | undefined {
  const cell = record.cell(key);
  const value =
    kind === "INTEGER"
      ? parseIntegerCell(cell)
      : kind === "BOOLEAN"
        ? parseBooleanCell(cell)
        : parseDecimalCell(cell);
  if (value === null) return null;
  if (value !== undefined && (typeof value !== "string" || isDecimalString(value))) return value;
  const [code, expected] =
    kind === "BOOLEAN"
      ? (["UNKNOWN_VALUE", "无法识别:应填“是”或“否”"] as const)
      : (["NOT_A_NUMBER", kind === "INTEGER" ? "不是整数" : "不是数"] as const);
  log.add(code, record.at(key), `${header(record, key)}“${record.text(key)}”${expected}`, ruleId ?? null);
  return undefined;
}

/**
 * A cell's value read by `readCell`, after logging that the cell is empty when it must not be.
 * @example filled(readCell(record, "year", "INTEGER", log), record, "year", log, "年度,如 2025") // 2025
 */
export function filled<T, K extends string>(
  value: T | null | undefined,
  record: SheetRecord<K>,
  key: K,
  log: IssueLog,
  what: string,
): T | undefined {
  if (value === null) log.add("REQUIRED", record.at(key), `${header(record, key)}不能为空:应填${what}`);
  return value ?? undefined;
}
