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
import type { Command } from "commander";
import {
  addJsonOption,
  type CommandContext,
  type JsonOption,
  parseDateOption,
  parseIntegerOption,
  required,
} from "./cli-args.ts";
import { type CliIo, type CliResult, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { helpNotes } from "./usage.ts";
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

/** The options of `generate`. */
export interface GenerateOptions extends JsonOption {
  readonly townships?: string;
  readonly seed?: string;
  readonly asOf?: string;
  readonly records?: boolean;
  readonly perItem?: string;
  readonly county?: string;
  readonly out?: string;
}

function generateRequest(values: GenerateOptions): CliResult<GenerateRequest> {
  const townships = parseIntegerOption(values.townships, "--townships", 1, 5000);
  if (!townships.ok) return townships;
  const seed = values.seed === undefined ? ok(1) : parseIntegerOption(values.seed, "--seed", 0, 2 ** 31 - 1);
  if (!seed.ok) return seed;
  const asOf =
    values.asOf === undefined ? ok(isoDate("2025-01-01")) : parseDateOption(values.asOf, "--as-of");
  if (!asOf.ok) return asOf;
  const perItem =
    values.perItem === undefined ? ok(12) : parseIntegerOption(values.perItem, "--per-item", 1, 365);
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
 * @example await runGenerate({ townships: "30", out: "county.xlsx" }, io) // 0
 */
export async function runGenerate(options: GenerateOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: options.json === true };
  const request = generateRequest(options);
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

/** The options of `sample`. */
export interface SampleOptions extends JsonOption {
  readonly out?: string;
}

/**
 * `dutylist sample [--out PATH]`: the demo county 青溪县's sample workbook — its whole list
 * history (publications, adjustments, every entry with its interval), its ledger, its 2025 plan
 * and a year of records — by default to
 * `samples/青溪县-示例.xlsx` at the repo root.
 * @example await runSample({ out: "sample.xlsx" }, io) // 0
 */
export async function runSample(options: SampleOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: options.json === true };
  const out = options.out ?? SAMPLE_PATH;
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

/** Adds `generate` to the program. */
export function registerGenerate(program: Command, { io, exit }: CommandContext): void {
  addJsonOption(
    program
      .command("generate")
      .summary("生成合成县工作簿 (a synthetic county workbook)")
      .description(
        "生成一个合成县的工作簿(按全国平均每乡镇 117/99/124 项;全省规模为 1237 个乡镇)。\n" +
          "(A synthetic county workbook; province size is 1,237 townships.)",
      )
      .usage(
        "--townships N [--seed S] [--as-of YYYY-MM-DD] [--county CODE] [--records [--per-item N]] --out PATH",
      )
      .option("--townships <N>", "乡镇(街道)数,1–5000 (townships)")
      .option("--seed <S>", "随机种子,默认 1 (the seed)")
      .option("--as-of <DATE>", "清单的版本日期和生效日期,默认 2025-01-01 (the lists' date)")
      .option("--county <CODE>", "合成县的编码,默认 SYN<seed> (the generated county's code)")
      .option("--records", "同时写入考核方案和一年的考核记录 (also a plan and a year of records)")
      .option("--per-item <N>", "每个事项每个考核对象的记录数,默认 12 (records per item and subject)")
      .option("--out <PATH>", "输出的 .xlsx、.csv 或文件夹 (output path)"),
  )
    .addHelpText(
      "after",
      helpNotes(
        "XLSX 每张表最多 1,048,576 行:记录多时请写 CSV 文件夹(--out 给一个文件夹)。\n" +
          "(XLSX holds at most 1,048,576 rows a sheet: large record sets need a CSV folder.)",
      ),
    )
    .action(async (options: GenerateOptions) => exit(await runGenerate(options, io)));
}

/** Adds `sample` to the program. */
export function registerSample(program: Command, { io, exit }: CommandContext): void {
  addJsonOption(
    program
      .command("sample")
      .summary("示范县示例工作簿 (the demo county's sample workbook)")
      .description(
        "写出示范县 青溪县 的示例工作簿:清单、临时任务台账、2025 年考核方案和考核记录。\n" +
          "(The demo county's sample workbook: lists, ledger, 2025 plan and records.)",
      )
      .usage("[--out PATH] [--json]")
      .option("--out <PATH>", "输出路径,默认仓库的 samples/青溪县-示例.xlsx (output path)"),
  )
    .addHelpText("after", helpNotes("根目录 pnpm sample 写到 samples/青溪县-示例.xlsx。"))
    .action(async (options: SampleOptions) => exit(await runSample(options, io)));
}
