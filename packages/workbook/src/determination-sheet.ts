import {
  type Determination,
  type DeterminationListType,
  type Factor,
  formatBasis,
  LIST_TYPE_NAMES,
  type NamedParty,
  ROLE_NAMES,
  type Role,
} from "@dutylist/core";
import { RESULT_SHEET_NAMES, SUBJECT_KIND_NAMES } from "./result-sheets.ts";
import type { Cell, OutputSheet } from "./sheet-table.ts";

// The stored responsibility determinations as a sheet (A1–A11), one row per party.

const DETERMINATION_HEADER = [
  "认定编号",
  "发生日期",
  "乡镇(街道)编码",
  "乡镇(街道)",
  "事项编码",
  "事项名称",
  "事项说明",
  "清单类型",
  "当事方编码",
  "当事方",
  "当事方类型",
  "责任",
  "规则",
  "情节",
  "不担责理由",
  "说明",
  "清单版本",
  "依据",
  "发现的违规",
] as const;

const DETERMINATION_LIST_TYPE_NAMES: Readonly<Record<DeterminationListType, string>> = {
  ...LIST_TYPE_NAMES,
  TEMPORARY: "临时性工作任务",
  OFF_LIST: "清单外事项",
};

const FACTOR_KIND_NAMES: Readonly<Record<Factor["kind"], string>> = {
  AGGRAVATING: "从重",
  MITIGATING: "从轻",
};

/** What the rows are narrowed to, as `determinationFacts` narrows; null or absent: no narrowing. */
export interface DeterminationSheetOptions {
  /** The township of the failure. */
  readonly townshipCode?: string | null | undefined;
  readonly role?: Role | null | undefined;
  /** A township's or a department's code. */
  readonly partyCode?: string | null | undefined;
  /** Township names by code, for the 乡镇(街道) column; the code when a name is missing. */
  readonly townshipNames?: ReadonlyMap<string, string>;
}

function listVersionText(d: Determination): string {
  const v = d.listVersion;
  const since = v.effectiveFrom === null ? "" : `,自${v.effectiveFrom}起`;
  const change = v.changeId === null ? "" : `,${v.changeId}`;
  return `第${v.number}版${since}${change}`;
}

function subjectCells(d: Determination): [Cell, Cell, Cell] {
  const subject = d.failure.subject;
  const itemCode = subject.kind === "ITEM" ? subject.itemCode : (d.temporaryTask?.id ?? null);
  const itemName = d.entry?.content.name ?? d.temporaryTask?.content ?? null;
  return [itemCode, itemName, subject.kind === "MATTER" ? subject.description : null];
}

function partyCells(party: NamedParty): [Cell, Cell, Cell] {
  return [party.code, party.name, SUBJECT_KIND_NAMES[party.kind]];
}

/**
 * 责任认定: one row per party of each stored determination (what `listDeterminations` returns),
 * in its order, with the role, the rules that gave it (A1–A11), factors, reason, explanation,
 * the list version in force and the basis cited; narrowed like `determinationFacts`.
 * @example determinationSheet(await listDeterminations(db, "QX"), { role: "PRIMARY" }).rows.map((r) => r[11]) // ["主要责任", …]
 */
export function determinationSheet(
  determinations: readonly Determination[],
  options: DeterminationSheetOptions = {},
): OutputSheet {
  const rows = determinations
    .filter((d) => options.townshipCode == null || d.failure.townshipCode === options.townshipCode)
    .flatMap((d) =>
      d.parties
        .filter(
          (p) =>
            (options.role == null || p.role === options.role) &&
            (options.partyCode == null || p.party.code === options.partyCode),
        )
        .map((p): Cell[] => [
          d.decisionId,
          d.failure.date,
          d.failure.townshipCode,
          options.townshipNames?.get(d.failure.townshipCode) ?? d.failure.townshipCode,
          ...subjectCells(d),
          DETERMINATION_LIST_TYPE_NAMES[d.listType],
          ...partyCells(p.party),
          ROLE_NAMES[p.role],
          p.ruleIds.join("、"),
          p.factors.length === 0
            ? null
            : p.factors.map((f) => `${FACTOR_KIND_NAMES[f.kind]}:${f.description}(${f.ruleId})`).join(";"),
          p.reason,
          p.explanation,
          listVersionText(d),
          p.citations.length === 0 ? null : p.citations.map((c) => formatBasis(c.basis)).join(";"),
          // The core's messages name their rule already.
          d.violations.length === 0 ? null : d.violations.map((v) => v.message).join(";"),
        ]),
    );
  return {
    name: RESULT_SHEET_NAMES.determinations,
    header: DETERMINATION_HEADER,
    formats: DETERMINATION_HEADER.map((header) => (header === "发生日期" ? "date" : "text")),
    rows,
  };
}
