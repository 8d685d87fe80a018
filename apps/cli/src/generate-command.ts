import path from "node:path";
import { type AssessmentPlan, type CountyDataset, type IsoDate, isoDate, ok } from "@dutylist/core";
import {
  demoAssessmentPlan,
  demoCounty,
  generateCounty,
  generateRecords,
  syntheticPlan,
} from "@dutylist/core/testing";
import {
  type CountyWorkbookOptions,
  countyWorkbook,
  EXCEL_MAX_ROWS,
  type OutputSheet,
} from "@dutylist/workbook";
import { parseCommand, parseDateOption, parseIntegerOption, required } from "./cli-args.ts";
import { type CliIo, type CliResult, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { outputKind, writeSheets } from "./workbook-io.ts";

/** The lists of a province: 1,237 townships (domain.md). */
export const PROVINCE_TOWNSHIPS = 1237;

/** The date the sample's lists stand on: the end of the demo's assessment year. */
export const SAMPLE_AS_OF: IsoDate = isoDate("2025-12-31");

/** The seed of the demo year's records, as the API's demo data uses it. */
const SAMPLE_RECORDS_SEED = 2025;

// `pnpm sample` writes here: the repo's samples/ folder (its .xlsx files are not committed).
const SAMPLE_PATH = path.join(import.meta.dirname, "..", "..", "..", "samples", "青溪县-示例.xlsx");

const NO_RECORDS = { performance: [], ratings: [] } as const;

/** The county's workbook (`countyWorkbook`), with a year of generated records when there is a plan. */
function workbookOf(
  dataset: CountyDataset,
  asOf: IsoDate,
  assessment: { readonly plan: AssessmentPlan; readonly seed: number; readonly perItem?: number } | null,
  options: CountyWorkbookOptions = {},
): OutputSheet[] {
  if (assessment === null) return countyWorkbook(dataset, asOf, null, NO_RECORDS, options);
  const { plan, seed, perItem } = assessment;
  const records = generateRecords(plan, dataset, { seed, ...(perItem === undefined ? {} : { perItem }) });
  return countyWorkbook(dataset, asOf, plan, records, options);
}

/** An upper bound of the performance records `generateRecords` makes for the synthetic plan. */
function estimatedRecords(dataset: CountyDataset, perItem: number): number {
  // Basic items feed two township indicators, cooperative and reclaimed items one each.
  const series = dataset.entries.reduce((n, e) => n + (e.terms.type === "BASIC" ? 2 : 1), 0);
  return series * perItem;
}

function report(
  output: Output,
  written: { path: string; rows: number },
  sheets: readonly OutputSheet[],
  extra: object,
) {
  const summary = sheets.map((s) => ({ name: s.name, rows: s.rows.length }));
  if (output.json) writeJson(output.io, { ok: true, ...written, sheets: summary, ...extra });
  else {
    output.io.stdout(
      `已写入 ${written.path}:${summary.map((s) => `${s.name} ${s.rows.toLocaleString("en-US")} 行`).join("、")}\n`,
    );
  }
  return EXIT.OK;
}

interface GenerateRequest {
  readonly townships: number;
  readonly seed: number;
  readonly asOf: IsoDate;
  readonly perItem: number;
  readonly records: boolean;
  readonly countyCode: string | undefined;
  readonly out: string;
}

function generateRequest(argv: readonly string[]): CliResult<GenerateRequest> {
  const parsed = parseCommand(argv, {
    townships: { type: "string" },
    seed: { type: "string" },
    "as-of": { type: "string" },
    records: { type: "boolean" },
    "per-item": { type: "string" },
    out: { type: "string" },
  });
  if (!parsed.ok) return parsed;
  const { values } = parsed.value;
  const townships = parseIntegerOption(values.townships, "--townships", 1, 5000);
  if (!townships.ok) return townships;
  const seed = values.seed === undefined ? ok(1) : parseIntegerOption(values.seed, "--seed", 0, 2 ** 31 - 1);
  if (!seed.ok) return seed;
  const asOf =
    values["as-of"] === undefined ? ok(isoDate("2025-01-01")) : parseDateOption(values["as-of"], "--as-of");
  if (!asOf.ok) return asOf;
  const perItem =
    values["per-item"] === undefined ? ok(12) : parseIntegerOption(values["per-item"], "--per-item", 1, 365);
  if (!perItem.ok) return perItem;
  const out = required(values.out, "--out");
  if (!out.ok) return out;
  return ok({
    townships: townships.value,
    seed: seed.value,
    asOf: asOf.value,
    perItem: perItem.value,
    records: values.records === true,
    countyCode: values.county,
    out: out.value,
  });
}

/**
 * `dutylist generate --townships N [--seed S] [--as-of DATE] [--records] [--per-item N] --out PATH`:
 * a synthetic county's workbook (lists as of the date, at the national averages of 117/99/124
 * items per township), with a plan and a year of records when asked.
 * @example await runGenerate(["--townships", "30", "--out", "county.xlsx"], io) // 0
 */
export async function runGenerate(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const request = generateRequest(argv);
  if (!request.ok) return fail(output, request.errors[0]);
  const r = request.value;
  const dataset = generateCounty({
    seed: r.seed,
    townships: r.townships,
    baselineDate: r.asOf,
    ...(r.countyCode === undefined ? {} : { countyCode: r.countyCode }),
  });
  const plan = r.records ? syntheticPlan(dataset, Number(r.asOf.slice(0, 4))) : null;
  if (plan !== null && outputKind(r.out) === "XLSX") {
    const estimate = estimatedRecords(dataset, r.perItem);
    if (estimate + 1 > EXCEL_MAX_ROWS) {
      const message =
        `约 ${estimate.toLocaleString("en-US")} 条考核记录,超过 Excel 每个工作表 ${EXCEL_MAX_ROWS.toLocaleString("en-US")} 行的上限:` +
        `请把 --out 改为一个文件夹(写 CSV 文件夹),或用 --per-item 减少每个事项的记录数`;
      return fail(output, { _tag: "USAGE", message });
    }
  }
  if (!output.json) {
    io.stderr(
      `合成县 ${dataset.county.name}(${dataset.county.code}):${dataset.townships.length} 个乡镇(街道)、` +
        `${dataset.entries.length.toLocaleString("en-US")} 条清单条目\n`,
    );
  }
  const sheets = workbookOf(
    dataset,
    r.asOf,
    plan === null ? null : { plan, seed: r.seed, perItem: r.perItem },
  );
  const written = await writeSheets(output, r.out, sheets);
  if (!written.ok) return fail(output, written.errors[0]);
  return report(output, written.value, sheets, { county: dataset.county, asOf: r.asOf });
}

/**
 * `dutylist sample [--out PATH]`: the demo county 青溪县's sample workbook — its whole list
 * history (publications, adjustments, every entry with its interval), its ledger, its 2025 plan
 * and a year of records — by default to
 * `samples/青溪县-示例.xlsx` at the repo root.
 * @example await runSample(["--out", "sample.xlsx"], io) // 0
 */
export async function runSample(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, { out: { type: "string" } });
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const out = parsed.value.values.out ?? SAMPLE_PATH;
  // The county's whole history, so that importing the sample answers every date as the demo does.
  const sheets = workbookOf(
    demoCounty(),
    SAMPLE_AS_OF,
    { plan: demoAssessmentPlan(), seed: SAMPLE_RECORDS_SEED },
    { history: true },
  );
  const written = await writeSheets(output, out, sheets);
  if (!written.ok) return fail(output, written.errors[0]);
  return report(output, written.value, sheets, { asOf: SAMPLE_AS_OF });
}
