import { type IsoDate, recordingDay } from "@dutylist/core";
import { checkImport, importWrite, isEmptyWrite } from "@dutylist/import";
import { type Database, type ImportWritten, saveImport } from "@dutylist/store";
import { parseCommand, parseDateOption, parseShareOption } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { cliStamp } from "./cli-stamp.ts";
import { importJson, renderImport } from "./import-report.ts";
import { renderIssues } from "./issue-report.ts";
import { progressBar } from "./progress.ts";
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

/**
 * `dutylist import <file.xlsx | file.csv | folder> [--county CODE] [--as-of DATE] [--dry-run]
 * [--allow-stale] [--confirm-removals] [--max-removal-share SHARE] [--json]`: reads the workbook,
 * checks everything (lists, ledger, plan, records, a stale export, mass removals), reports every
 * issue with its cell and writes nothing if there is one; otherwise writes it all in one transaction.
 * @example await runImport(["lists.xlsx", "--dry-run"], io) // 0 when the workbook is clean
 */
export async function runImport(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, {
    "as-of": { type: "string" },
    "dry-run": { type: "boolean" },
    "allow-stale": { type: "boolean" },
    "confirm-removals": { type: "boolean" },
    "max-removal-share": { type: "string" },
  });
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values, positionals } = parsed.value;
  const [file, ...extra] = positionals;
  if (file === undefined) return fail(output, { _tag: "USAGE", message: "缺少要导入的文件或文件夹" });
  if (extra.length > 0) {
    return fail(output, { _tag: "USAGE", message: `一次导入一个文件或文件夹,多余的参数:${extra.join(" ")}` });
  }
  const asOf = values["as-of"] === undefined ? undefined : parseDateOption(values["as-of"], "--as-of");
  if (asOf !== undefined && !asOf.ok) return fail(output, asOf.errors[0]);
  const share =
    values["max-removal-share"] === undefined
      ? undefined
      : parseShareOption(values["max-removal-share"], "--max-removal-share");
  if (share !== undefined && !share.ok) return fail(output, share.errors[0]);
  const request: ImportRequest = {
    file,
    countyCode: values.county,
    asOf: asOf?.value,
    dryRun: values["dry-run"] === true,
    allowStale: values["allow-stale"] === true,
    confirmRemovals: values["confirm-removals"] === true,
    maxRemovalShare: share?.value,
  };
  return withDatabase(io, values["data-dir"], (db) => importInto(db, output, request));
}
