import {
  type AssessmentPlan,
  type AssessmentRecords,
  type CountyDataset,
  type Indicator,
  type PartyRef,
  type PerformanceRecord,
  partyKey,
} from "@dutylist/core";
import { bindingText, METHOD_WORDS, SUBJECT_WORDS, TRACK_WORDS } from "./assessment-cells.ts";
import { normalizeHeader, SHEETS, type SheetSpec } from "./format.ts";
import type { Cell, ColumnFormat, OutputSheet } from "./sheet-table.ts";

// The assessment sheets written in the import format, so that they import back unchanged.

// The columns written to .xlsx as numbers (exact values only: see `xlsxCell`) and as dates.
const NUMBER_KEYS = new Set(["no", "points", "perEvent", "achieved", "target", "events", "score", "year"]);
const DATE_KEYS = new Set(["date"]);

function formatOf(key: string): ColumnFormat {
  return NUMBER_KEYS.has(key) ? "number" : DATE_KEYS.has(key) ? "date" : "text";
}

function sheetOf(spec: SheetSpec, rows: readonly Readonly<Record<string, Cell>>[]): OutputSheet {
  return {
    name: spec.name,
    header: spec.columns.map((c) => c.header),
    formats: spec.columns.map((c) => formatOf(c.key)),
    rows: rows.map((values) => spec.columns.map((c) => values[c.key] ?? null)),
  };
}

/**
 * How a party is written: its name, or its code when the name would not read back as that party
 * (a name shared by two parties, or equal to a code).
 */
function partyLabels(dataset: CountyDataset): (party: PartyRef) => string {
  const parties = [
    ...dataset.townships.map((t) => ({ ...t, kind: "TOWNSHIP" as const })),
    ...dataset.departments.map((d) => ({ ...d, kind: "DEPARTMENT" as const })),
  ];
  const codes = new Set(parties.map((p) => p.code));
  const uses = new Map<string, number>();
  for (const { name } of parties) uses.set(normalizeHeader(name), (uses.get(normalizeHeader(name)) ?? 0) + 1);
  const labels = new Map(
    parties.map((p) => [
      partyKey(p),
      uses.get(normalizeHeader(p.name)) === 1 && !codes.has(p.name) ? p.name : p.code,
    ]),
  );
  return (party) => labels.get(partyKey(party)) ?? party.code;
}

function indicatorRow(indicator: Indicator, n: number, parentName: string): Record<string, Cell> {
  const method = indicator.method;
  return {
    no: n,
    parentCode: indicator.parentCode,
    parentName,
    code: indicator.code,
    name: indicator.name,
    subject: SUBJECT_WORDS.written[indicator.subject],
    track: indicator.track === null ? null : TRACK_WORDS.written[indicator.track],
    points: indicator.points,
    method: METHOD_WORDS.written[method.kind],
    perEvent: method.kind === "DEDUCTION" ? method.perEvent : null,
    binding: bindingText(indicator.binding),
  };
}

function recordRow(
  record: PerformanceRecord,
  n: number,
  label: (party: PartyRef) => string,
): Record<string, Cell> {
  const value = record.value;
  return {
    no: n,
    id: record.id,
    indicatorCode: record.indicatorCode,
    subject: label(record.subject),
    township: label({ kind: "TOWNSHIP", code: record.townshipCode }),
    itemCode: record.itemCode,
    matter: record.matter,
    date: record.date,
    ...(value.kind === "RATIO" ? { achieved: value.achieved, target: value.target } : {}),
    ...(value.kind === "DEDUCTION" ? { events: value.events } : {}),
    ...(value.kind === "GRADED" ? { score: value.score } : {}),
    ...(value.kind === "PASS_FAIL" ? { passed: value.passed ? "是" : "否" } : {}),
  };
}

/**
 * The assessment sheets in the import format: 考核指标 (one row per second-level indicator, in the
 * plan's order; left out when `plan` is `null`), 考核记录 and 双向评价. Townships and departments
 * are written by name (by code when a name is not unique), items by code, dates `YYYY-MM-DD`,
 * decimals as the strings they are (in .xlsx: dates and numbers, when a number holds the decimal exactly). `parseAssessmentSheets` reads them back equal; the plan's id,
 * title and year belong to 清单信息. First-level indicators without any second-level one have no
 * row and are not written.
 * @example assessmentSheets(demoAssessmentPlan(), records, demoCounty()).map((s) => s.name) // ["考核指标", "考核记录", "双向评价"]
 */
export function assessmentSheets(
  plan: AssessmentPlan | null,
  records: Pick<AssessmentRecords, "performance" | "ratings">,
  dataset: CountyDataset,
): OutputSheet[] {
  const label = partyLabels(dataset);
  const headings = new Map((plan?.firstLevel ?? []).map((f) => [f.code, f.name]));
  const indicators =
    plan === null
      ? []
      : [
          sheetOf(
            SHEETS.indicators,
            plan.indicators.map((i, n) => indicatorRow(i, n + 1, headings.get(i.parentCode) ?? "")),
          ),
        ];
  const ratings = records.ratings.map((r, n) => ({
    no: n + 1,
    id: r.id,
    year: r.year,
    township: label({ kind: "TOWNSHIP", code: r.townshipCode }),
    department: label({ kind: "DEPARTMENT", code: r.departmentCode }),
    score: r.score,
  }));
  return [
    ...indicators,
    sheetOf(
      SHEETS.records,
      records.performance.map((r, n) => recordRow(r, n + 1, label)),
    ),
    sheetOf(SHEETS.ratings, ratings),
  ];
}
