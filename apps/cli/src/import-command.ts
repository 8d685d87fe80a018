import { type IsoDate, recordingDay } from "@dutylist/core";
import { checkImport, importWrite, isEmptyWrite } from "@dutylist/import";
import { type Database, type ImportWritten, saveImport } from "@dutylist/store";
import type { Command } from "commander";
import {
  addStoreOptions,
  type CommandContext,
  parseDateOption,
  parseShareOption,
  type StoreOptions,
} from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { cliStamp } from "./cli-stamp.ts";
import { importJson, renderImport } from "./import-report.ts";
import { renderIssues } from "./issue-report.ts";
import { progressBar } from "./progress.ts";
import { helpNotes } from "./usage.ts";
import { readTables } from "./workbook-io.ts";

interface ImportRequest {
  readonly file: string;
  readonly countyCode: string | undefined;
  readonly asOf: IsoDate | undefined;
  readonly dryRun: boolean;
  readonly allowStale: boolean;
  readonly confirmRemovals: boolean;
  readonly maxRemovalShare: number | undefined;
}

async function importInto(db: Database, output: Output, request: ImportRequest): Promise<ExitCode> {
  const { io, json } = output;
  const tables = await readTables(output, request.file);
  if (!tables.ok) return fail(output, tables.errors[0]);
  const checking = progressBar(io, !json, "检查");
  checking.note("对照库中的清单、考核方案和记录…");
  const today = recordingDay(new Date());
  const check = await checkImport(db, tables.value, {
    countyCode: request.countyCode,
    asOf: request.asOf,
    allowStale: request.allowStale,
    confirmRemovals: request.confirmRemovals,
    maxRemovalShare: request.maxRemovalShare,
    // Proposals recorded without an approval are proposed today, and everything the import writes
    // is recorded today (L2 knowledge time): the CLI may read the clock, the core never does.
    proposedOn: today,
    recordedOn: today,
  });
  checking.finish();
  if (check.issues.length > 0) {
    io.stderr(`${renderIssues(check.issues)}\n`);
    if (json) writeJson(io, importJson(check, { dryRun: request.dryRun, written: null }));
    return EXIT.REJECTED;
  }
  const write = importWrite(check);
  let written: ImportWritten | null = null;
  if (!request.dryRun && !isEmptyWrite(write)) {
    const bar = progressBar(io, !json, "写入数据库");
    bar.note("(一个事务:全部写入,或全部不写)…");
    const started = Date.now();
    const saved = await saveImport(db, write, cliStamp("import", request));
    // "Written" only once the transaction committed: a refused write says so and nothing else.
    if (saved.ok) bar.finish(`已写入数据库(${((Date.now() - started) / 1000).toFixed(1)} 秒)`);
    else bar.finish();
    if (!saved.ok) {
      const message = `${saved.errors.map((e) => e.message).join(";")};未写入任何数据`;
      return fail(output, {
        _tag: saved.errors[0]._tag === "STORE_NOT_FOUND" ? "NOT_FOUND" : "REJECTED",
        message,
      });
    }
    written = saved.value;
  }
  if (json) writeJson(io, importJson(check, { dryRun: request.dryRun, written }));
  else {
    const nothing =
      !request.dryRun && isEmptyWrite(write) ? "\n工作簿的内容已全部在库中,未写入任何数据。" : "";
    io.stdout(`${renderImport(check, request.dryRun)}${nothing}\n`);
  }
  return EXIT.OK;
}

/** The options of `import`. */
export interface ImportOptions extends StoreOptions {
  readonly asOf?: string;
  readonly dryRun?: boolean;
  readonly allowStale?: boolean;
  readonly confirmRemovals?: boolean;
  readonly maxRemovalShare?: string;
}

/**
 * `dutylist import <file.xlsx | file.csv | folder> [--county CODE] [--as-of DATE] [--dry-run]
 * [--allow-stale] [--confirm-removals] [--max-removal-share SHARE] [--json]`: reads the workbook,
 * checks everything (lists, ledger, plan, records, a stale export, mass removals), reports every
 * issue with its cell and writes nothing if there is one; otherwise writes it all in one transaction.
 * @example await runImport("lists.xlsx", { dryRun: true }, io) // 0 when the workbook is clean
 */
export async function runImport(file: string, values: ImportOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const asOf = values.asOf === undefined ? undefined : parseDateOption(values.asOf, "--as-of");
  if (asOf !== undefined && !asOf.ok) return fail(output, asOf.errors[0]);
  const share =
    values.maxRemovalShare === undefined
      ? undefined
      : parseShareOption(values.maxRemovalShare, "--max-removal-share");
  if (share !== undefined && !share.ok) return fail(output, share.errors[0]);
  const request: ImportRequest = {
    file,
    countyCode: values.county,
    asOf: asOf?.value,
    dryRun: values.dryRun === true,
    allowStale: values.allowStale === true,
    confirmRemovals: values.confirmRemovals === true,
    maxRemovalShare: share?.value,
  };
  return withDatabase(io, values.dataDir, (db) => importInto(db, output, request));
}

/** Adds `import` to the program. */
export function registerImport(program: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    program
      .command("import")
      .summary("检查并导入工作簿 (check and import a workbook: lists, plan, records)")
      .description(
        "导入清单、临时任务台账、考核方案和考核记录 (import lists, ledger, assessment plan and records)。\n" +
          "先检查全部内容,逐条列出问题(文件 工作表 第N行 X列(表头):说明);有任何问题则什么也不写入。\n" +
          "(Everything is checked first; every issue is listed; with any issue nothing is written.)",
      )
      .usage("<文件.xlsx | 文件.csv | CSV文件夹> [--county CODE] [--as-of YYYY-MM-DD] [--dry-run] [--json]")
      .argument(
        "<文件>",
        "工作簿 .xlsx、一张表的 .csv,或存放 .csv 文件的文件夹 (a workbook, a CSV file or a folder)",
      )
      .option(
        "--as-of <DATE>",
        "清单的版本日期,覆盖工作簿“清单信息”中的版本日期 (the date the lists stand on)",
      )
      .option("--dry-run", "只检查并报告将要写入的内容 (check and report, write nothing)")
      .option("--allow-stale", "导入比库中县数据旧的导出文件 (import an export older than the stored county)")
      .option(
        "--confirm-removals",
        "确认取消整张清单或超过比例的事项 (confirm removing a whole list or more than the share)",
      )
      .option(
        "--max-removal-share <SHARE>",
        "一个乡镇(街道)的事项最多可取消的比例,默认 20% (the share of a township's entries; default 20%)",
      ),
  )
    .addHelpText("after", helpNotes("格式见 docs/import-format.md (format: docs/import-format.md)。"))
    .action(async (file: string, options: ImportOptions) => exit(await runImport(file, options, io)));
}
