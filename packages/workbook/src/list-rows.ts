import {
  type EntryTerms,
  entryTermsProblems,
  GUARANTEE_KIND_NAMES,
  GUARANTEE_KINDS,
  type Guarantee,
  type GuaranteeKind,
  type InternalAssignment,
  type IsoDate,
  type ItemContent,
  type LegalCitation,
  type ListType,
} from "@dutylist/core";
import { parseDateCell, splitLines, splitNames } from "./cell-values.ts";
import { ALL_TOWNSHIPS, type ColumnKey, SHEETS, type SheetKey } from "./format.ts";
import type { ReferenceData } from "./reference-sheets.ts";
import { bindSheet, type IssueLog, type SheetRecord } from "./sheet-reader.ts";
import { formatLocation, type WorkbookTables } from "./sheet-table.ts";

/** A column of the list sheets (基本、配合、收回), as their definitions name them. */
type ListColumn = ColumnKey<"basic" | "cooperative" | "reclaimed">;
type ListRecord = SheetRecord<ListColumn>;

// The three list sheets (基本、配合、收回): one row per item, for one township, several or 全部.

/** One list row read and checked: an entry for each township it names. */
export interface ListRow {
  readonly record: ListRecord;
  readonly listType: ListType;
  readonly townshipCodes: readonly string[];
  readonly itemCode: string;
  readonly terms: EntryTerms;
  readonly content: ItemContent;
  readonly assignment: InternalAssignment | null;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate | null;
  /** 来源: the publication or adjustment that opened the entry, when the row states it (L2). */
  readonly openedBy: string | null;
  /** 终止依据: the adjustment that closed it (or, unpublished, proposes to remove it). */
  readonly closedBy: string | null;
}

export const LIST_SHEETS = {
  BASIC: "basic",
  COOPERATIVE: "cooperative",
  RECLAIMED: "reclaimed",
} as const satisfies Readonly<Record<ListType, SheetKey>>;

const GUARANTEE_BY_WORD: ReadonlyMap<string, GuaranteeKind> = new Map(
  GUARANTEE_KINDS.flatMap((kind) => [
    [GUARANTEE_KIND_NAMES[kind], kind] as const,
    [kind.toLowerCase(), kind] as const,
  ]),
);

/**
 * Reads one citation of a 设定依据 line: the document, then an article (第…条) and a clause
 * (第…款) when the line ends with them. Rendering it back gives the same line.
 * @example parseCitation("《中华人民共和国消防法》第三十二条") // { document: "《中华人民共和国消防法》", article: "第三十二条" }
 */
export function parseCitation(line: string): LegalCitation {
  const match = /^(.+?)(第[^第条]+条)?(第[^第款]+款)?$/.exec(line);
  const document = match?.[1] ?? line;
  const article = match?.[2];
  const clause = match?.[3];
  return {
    document,
    ...(article === undefined ? {} : { article }),
    ...(clause === undefined ? {} : { clause }),
  };
}

/**
 * Reads a 设定依据 cell: one citation per line; citations on one line may also be separated by
 * 、 before a 《.
 * @example parseBasis("《森林防火条例》、《消防法》第十八条").length // 2
 */
export function parseBasis(text: string): LegalCitation[] {
  return splitLines(text)
    .flatMap((line) => line.split(/[、;；](?=《)/))
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map(parseCitation);
}

/**
 * Renders a guarantee as its 履职保障 line, e.g. `业务培训:每年培训两次`.
 * @example guaranteeLine({ kind: "FUNDING", description: "" }) // "经费保障"
 */
export function guaranteeLine(guarantee: Guarantee): string {
  const name = GUARANTEE_KIND_NAMES[guarantee.kind];
  return guarantee.description === "" ? name : `${name}:${guarantee.description}`;
}

function parseGuarantees(record: ListRecord, log: IssueLog): Guarantee[] {
  return splitLines(record.text("guarantees")).flatMap((line): Guarantee[] => {
    const [word = "", ...rest] = line.split(/[:：]/);
    const kind = GUARANTEE_BY_WORD.get(word.trim().toLowerCase());
    if (kind === undefined) {
      log.add(
        "UNKNOWN_VALUE",
        record.at("guarantees"),
        `履职保障“${line}”无法识别:每行写“保障类别:说明”,类别为 ${Object.values(GUARANTEE_KIND_NAMES).join("、")}`,
      );
      return [];
    }
    return [{ kind, description: rest.join(":").trim() }];
  });
}

function parseAssignment(record: ListRecord): InternalAssignment | null {
  const leadingPost = record.text("leadingPost");
  const office = record.text("office");
  const assistingUnits = splitNames(record.text("assistingUnits"));
  if (leadingPost === "" && office === "" && assistingUnits.length === 0) return null;
  return { leadingPost: leadingPost || null, office: office || null, assistingUnits };
}

function resolveTownships(record: ListRecord, refs: ReferenceData, log: IssueLog): string[] {
  const text = record.text("township");
  if (text === "") {
    log.add("REQUIRED", record.at("township"), `乡镇(街道)不能为空:填名称、编码或“${ALL_TOWNSHIPS}”`);
    return [];
  }
  if (text === ALL_TOWNSHIPS)
    return refs.scope === null ? refs.townships.map((t) => t.code) : [...refs.scope];
  return splitNames(text).flatMap((name) => {
    const code = refs.townshipNames.resolve(name, record.at("township"), log, "UNKNOWN_TOWNSHIP");
    return code === undefined ? [] : [code];
  });
}

function resolveDepartment(
  record: ListRecord,
  key: ListColumn,
  name: string,
  refs: ReferenceData,
  log: IssueLog,
) {
  return refs.departmentNames.resolve(name, record.at(key), log, "UNKNOWN_DEPARTMENT");
}

/** The workbook column of each field of an entry's terms the core's check names. */
const TERMS_COLUMNS = {
  leadDepartments: "leadDepartments",
  cooperationContent: "cooperationContent",
  receivingDepartment: "receivingDepartment",
} as const;

/**
 * The row's terms for its list. Department names are resolved to codes here (an unknown name is
 * logged where it is written); what the terms must state is the core's one check
 * (`entryTermsProblems`: lead department and cooperation content, A2; receiving department, A3).
 */
function parseTerms(
  listType: ListType,
  record: ListRecord,
  refs: ReferenceData,
  log: IssueLog,
): EntryTerms | undefined {
  let terms: EntryTerms;
  let unresolved = false;
  switch (listType) {
    case "BASIC":
      return { type: "BASIC" };
    case "COOPERATIVE": {
      const names = splitNames(record.text("leadDepartments"));
      const leads = names.map((name) => resolveDepartment(record, "leadDepartments", name, refs, log));
      unresolved = leads.some((code) => code === undefined);
      terms = {
        type: "COOPERATIVE",
        // An unresolved name stays as written, so that a lead named but unknown is not also
        // reported as no lead at all.
        leadDepartments: leads.map((code, i) => code ?? names[i] ?? ""),
        departmentDuty: record.text("departmentDuty"),
        cooperationContent: splitLines(record.text("cooperationContent")),
        guarantees: parseGuarantees(record, log),
      };
      break;
    }
    case "RECLAIMED": {
      const name = record.text("receivingDepartment");
      const receivingDepartment =
        name === "" ? "" : resolveDepartment(record, "receivingDepartment", name, refs, log);
      unresolved = receivingDepartment === undefined;
      terms = {
        type: "RECLAIMED",
        receivingDepartment: receivingDepartment ?? name,
        wayOfWorking: record.text("wayOfWorking"),
      };
      break;
    }
  }
  const departments = new Set(refs.departments.map((d) => d.code));
  let missing = false;
  for (const problem of entryTermsProblems(terms, departments)) {
    if (problem._tag === "UNKNOWN_DEPARTMENT") continue; // logged by name above
    missing = true;
    log.add(problem._tag, record.at(TERMS_COLUMNS[problem.field]), problem.message, problem.ruleId);
  }
  return unresolved || missing ? undefined : terms;
}

function parseDates(
  record: ListRecord,
  defaultFrom: IsoDate | null,
  log: IssueLog,
): { from: IsoDate; to: IsoDate | null } | undefined {
  const from = parseDateCell(record.cell("effectiveFrom"));
  const to = parseDateCell(record.cell("effectiveTo"));
  let ok = true;
  if (from === undefined || to === undefined) {
    for (const [key, value] of [
      ["effectiveFrom", from],
      ["effectiveTo", to],
    ] as const) {
      if (value === undefined)
        log.add("NOT_A_DATE", record.at(key), `不是日期:“${record.text(key)}”(应如 2025-07-01)`);
    }
    ok = false;
  }
  const start = from ?? defaultFrom;
  if (ok && start === null) {
    log.add("REQUIRED", record.at("effectiveFrom"), "生效日期不能为空(或在“清单信息”中填写生效日期)");
    ok = false;
  }
  if (ok && start !== null && start !== undefined && to != null && to <= start) {
    log.add("MALFORMED_INTERVAL", record.at("effectiveTo"), `失效日期 ${to} 须晚于生效日期 ${start}`, "L2");
    ok = false;
  }
  return ok && start !== null && start !== undefined && to !== undefined ? { from: start, to } : undefined;
}

function parseRow(
  listType: ListType,
  record: ListRecord,
  refs: ReferenceData,
  defaultFrom: IsoDate | null,
  log: IssueLog,
): ListRow | undefined {
  const before = log.size;
  const townshipCodes = resolveTownships(record, refs, log);
  const itemCode = record.text("itemCode");
  if (itemCode === "") log.add("REQUIRED", record.at("itemCode"), "事项编码不能为空");
  const name = record.text("name");
  if (name === "") log.add("REQUIRED", record.at("name"), "事项名称不能为空");
  const terms = parseTerms(listType, record, refs, log);
  const dates = parseDates(record, defaultFrom, log);
  if (log.size > before || terms === undefined || dates === undefined) return undefined;
  return {
    record,
    listType,
    townshipCodes,
    itemCode,
    terms,
    content: {
      category: record.text("category"),
      name,
      tasks: splitLines(record.text("tasks")),
      basis: parseBasis(record.text("basis")),
    },
    // A reclaimed item is done by its department: nobody inside the township is assigned (L7).
    assignment: listType === "RECLAIMED" ? null : parseAssignment(record),
    effectiveFrom: dates.from,
    effectiveTo: dates.to,
    openedBy: record.text("openedBy") || null,
    closedBy: record.text("closedBy") || null,
  };
}

function overlaps(a: ListRow, b: ListRow): boolean {
  return (
    (a.effectiveTo === null || b.effectiveFrom < a.effectiveTo) &&
    (b.effectiveTo === null || a.effectiveFrom < b.effectiveTo)
  );
}

/**
 * Reports an item listed twice for a township on overlapping dates — on two lists, or twice on
 * one (L1: on any date an item is on at most one list of a township).
 */
function checkOneListAtATime(rows: readonly ListRow[], log: IssueLog, proposals: ReadonlySet<string>): void {
  const seen = new Map<string, ListRow[]>();
  for (const row of rows) {
    // A row of a pending proposal is a change asked for, not an entry in force.
    if (row.openedBy !== null && proposals.has(row.openedBy)) continue;
    for (const township of row.townshipCodes) {
      const key = `${township}\u0000${row.itemCode}`;
      const earlier = seen.get(key) ?? [];
      const clash = earlier.find((other) => overlaps(other, row));
      if (clash !== undefined) {
        log.add(
          "ITEM_ON_TWO_LISTS",
          row.record.at("itemCode"),
          `事项 ${row.itemCode} 在乡镇(街道) ${township} 的有效期与 ${formatLocation(clash.record.where)}(${SHEETS[LIST_SHEETS[clash.listType]].name})重叠:同一日期一个事项只能列入一张清单`,
          "L1",
        );
      }
      earlier.push(row);
      seen.set(key, earlier);
    }
  }
}

/**
 * Reads the three list sheets. Every problem is logged with its cell; rows with problems are
 * left out of the result (nothing is written while the log has any). Rows whose 来源 is one of
 * `proposals` (adjustments not published) are changes asked for, left out of the L1 check.
 * @example readListRows(tables, refs, null, log).length // 1,180 rows for the demo county
 */
export function readListRows(
  tables: WorkbookTables,
  refs: ReferenceData,
  defaultFrom: IsoDate | null,
  log: IssueLog,
  proposals: ReadonlySet<string> = new Set(),
): {
  readonly rows: ListRow[];
  readonly listTypes: ReadonlySet<ListType>;
  /** Items named by rows that were refused: other sheets may still refer to them. */
  readonly refusedItems: ReadonlyMap<string, ItemContent>;
} {
  const rows: ListRow[] = [];
  const listTypes = new Set<ListType>();
  const refusedItems = new Map<string, ItemContent>();
  for (const listType of ["BASIC", "COOPERATIVE", "RECLAIMED"] as const) {
    const sheet = bindSheet(tables, SHEETS[LIST_SHEETS[listType]], log);
    if (sheet === undefined) continue;
    listTypes.add(listType);
    for (const record of sheet.records) {
      const row = parseRow(listType, record, refs, defaultFrom, log);
      if (row !== undefined) rows.push(row);
      else if (record.text("itemCode") !== "")
        refusedItems.set(record.text("itemCode"), {
          category: record.text("category"),
          name: record.text("name"),
          tasks: [],
          basis: [],
        });
    }
  }
  checkOneListAtATime(rows, log, proposals);
  return { rows, listTypes, refusedItems };
}
