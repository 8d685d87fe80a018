import { existsSync } from "node:fs";
import { type CountyDataset, type IsoDate, isIsoDate } from "@dutylist/core";
import { HotlineMatcher } from "@dutylist/hotline";
import { loadHotlineData, type StoredWorkOrder, saveWorkOrders } from "@dutylist/store";
import { type Cell, readWorkbookFile, type SheetTable } from "@dutylist/workbook";
import type { Command } from "commander";
import { addStoreOptions, type CommandContext, type StoreOptions } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, resolvePath, writeJson } from "./cli-io.ts";
import { cliStamp } from "./cli-stamp.ts";
import { loadChosenCounty, resolveTownship } from "./county-choice.ts";
import { progressBar } from "./progress.ts";
import { renderTable } from "./text-table.ts";
import { helpNotes } from "./usage.ts";

// `dutylist orders import orders.xlsx`: a month of 12345 orders, each matched and dispatched by
// the lists of its day (H1), stored in one transaction — every bad row named first, nothing
// written then.

/** The options of `orders import`. */
export interface OrdersImportOptions extends StoreOptions {
  readonly dryRun?: boolean;
}

const COLUMNS = {
  id: "工单编号",
  receivedOn: "受理日期",
  township: "乡镇(街道)",
  address: "地址",
  channel: "渠道",
  text: "诉求内容",
} as const;
const REQUIRED = ["id", "receivedOn", "text"] as const;

interface OrderRow {
  readonly id: string;
  readonly receivedOn: IsoDate;
  readonly townshipCode: string | null;
  readonly address: string | null;
  readonly channel: string;
  readonly text: string;
}

interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The sheet's orders, or every problem with its row and column (a header missing: row 1). */
export function readOrders(
  sheet: SheetTable,
  dataset: CountyDataset,
): { orders: OrderRow[]; problems: RowProblem[] } {
  const [head, ...rows] = sheet.rows;
  const header = (head?.cells ?? []).map(text);
  const at = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, name]) => [k, header.indexOf(name)]),
  ) as Record<keyof typeof COLUMNS, number>;
  const problems: RowProblem[] = [];
  for (const key of REQUIRED)
    if (at[key] < 0)
      problems.push({ row: head?.rowNumber ?? 1, column: "", message: `缺少列「${COLUMNS[key]}」` });
  if (problems.length > 0) return { orders: [], problems };
  const seen = new Set<string>();
  const orders: OrderRow[] = [];
  for (const row of rows) {
    const get = (key: keyof typeof COLUMNS) => (at[key] < 0 ? "" : text(row.cells[at[key]]));
    const where = (key: keyof typeof COLUMNS) => `${columnLetter(at[key])}(${COLUMNS[key]})`;
    const bad = (key: keyof typeof COLUMNS, message: string) =>
      problems.push({ row: row.rowNumber, column: where(key), message });
    const id = get("id");
    if (id === "") bad("id", "工单编号为空");
    else if (seen.has(id)) bad("id", `工单编号 ${id} 重复`);
    seen.add(id);
    const date = get("receivedOn");
    if (!isIsoDate(date)) bad("receivedOn", `受理日期应为 YYYY-MM-DD,收到“${date}”`);
    if (get("text") === "") bad("text", "诉求内容为空");
    let townshipCode: string | null = null;
    if (get("township") !== "") {
      const found = resolveTownship(dataset, get("township"));
      if (found.ok) townshipCode = found.value.code;
      else bad("township", found.errors[0].message);
    }
    orders.push({
      id,
      receivedOn: date as IsoDate,
      townshipCode,
      address: get("address") === "" ? null : get("address"),
      channel: get("channel") === "" ? "PHONE" : get("channel"),
      text: get("text"),
    });
  }
  return { orders, problems };
}

/** Dispatched per party (handler name) and unassigned, for the summary. */
function summary(stored: readonly StoredWorkOrder[]) {
  const byParty = new Map<string, number>();
  let unassigned = 0;
  for (const o of stored) {
    if (o.dispatch.unassigned) unassigned++;
    else for (const h of o.dispatch.handlers.slice(0, 1)) byParty.set(h.name, (byParty.get(h.name) ?? 0) + 1);
  }
  const rows = [...byParty.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { total: stored.length, unassigned, byParty: rows };
}

/** `dutylist orders import FILE [--county CODE] [--dry-run] [--json]`. */
export async function runOrdersImport(
  file: string,
  values: OrdersImportOptions,
  io: CliIo,
): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const source = resolvePath(io, file);
  if (!existsSync(source)) return fail(output, { _tag: "NOT_FOUND", message: `找不到文件 ${source}` });
  const reading = progressBar(io, !output.json, "读取");
  const read = await readWorkbookFile(source, { onProgress: (n) => reading.update(n, null, "行") });
  reading.finish();
  if (!read.ok)
    return fail(output, {
      _tag: "REJECTED",
      message: read.errors[0].message,
    });
  const sheet = read.value.sheets.find((s) => s.name === "12345工单") ?? read.value.sheets[0];
  if (sheet === undefined) return fail(output, { _tag: "REJECTED", message: `${file} 没有工作表` });
  return withDatabase(io, values.dataDir, async (db) => {
    const dataset = await loadChosenCounty(db, values.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    const { orders, problems } = readOrders(sheet, dataset.value);
    if (problems.length > 0) {
      const lines = problems.map(
        (p) => `${file} 工作表「${sheet.name}」第 ${p.row} 行 ${p.column}:${p.message}`,
      );
      return fail(
        output,
        { _tag: "REJECTED", message: `${problems.length} 处问题,未导入任何工单:\n${lines.join("\n")}` },
        { problems },
      );
    }
    const code = dataset.value.county.code;
    const { phrases, places } = await loadHotlineData(db, code);
    const matcher = new HotlineMatcher();
    matcher.addCounty(dataset.value, phrases, places);
    const bar = progressBar(io, !output.json, "派单");
    const stored: StoredWorkOrder[] = orders.map((o, i) => {
      bar.update(i + 1, orders.length);
      const townshipCode =
        o.townshipCode ?? matcher.townshipOf(code, o.address ?? "") ?? matcher.townshipOf(code, o.text);
      const m = matcher.match({ countyCode: code, townshipCode, receivedOn: o.receivedOn, text: o.text });
      const candidates = m.candidates.map(({ itemCode, score }) => ({ itemCode, score }));
      return { countyCode: code, ...o, townshipCode, dispatch: m.dispatch, candidates };
    });
    bar.finish();
    if (values.dryRun !== true) {
      const saved = await saveWorkOrders(
        db,
        code,
        stored,
        cliStamp("orders import", { county: code, file, orders: stored.length }),
      );
      if (!saved.ok)
        return fail(output, { _tag: "REJECTED", message: `未导入任何工单:${saved.errors[0].message}` });
    }
    const s = summary(stored);
    if (output.json) {
      writeJson(io, { ok: true, county: code, dryRun: values.dryRun === true, ...s });
      return EXIT.OK;
    }
    io.stdout(
      `${values.dryRun === true ? "试派(未写入)" : "已导入并派单"} ${s.total} 件工单,未派出(留派单席)${s.unassigned} 件\n` +
        `${renderTable(
          ["承办方", "工单数"],
          s.byParty.map(([name, n]) => [name, String(n)]),
        )}\n`,
    );
    return EXIT.OK;
  });
}

/** Adds `orders import` to the program. */
export function registerOrders(program: Command, { io, exit }: CommandContext): void {
  const orders = program
    .command("orders")
    .summary("导入并派单一批工单 (import and dispatch a batch of hotline orders)")
    .description("12345 工单 (hotline orders)")
    .usage("import 工单.xlsx [--county CODE] [--dry-run] [--json]")
    .helpCommand("help [命令]", "显示子命令的帮助 (help for a subcommand)");
  addStoreOptions(
    orders
      .command("import")
      .description(
        "导入一批 12345 工单(如一个月的),逐件按受理当日的清单匹配事项并派单 (H1),一次写入,全部成功或全部不写。\n" +
          "(Imports a batch of hotline orders, dispatches each by the lists of its day, all or nothing.)",
      )
      .usage("工单.xlsx [--county CODE] [--dry-run] [--json]")
      .argument("<工单.xlsx>", "工单工作簿 (the orders workbook)")
      .option("--dry-run", "只派单,不写入 (dispatch only, write nothing)"),
  )
    .addHelpText(
      "after",
      helpNotes(
        "列:工单编号、受理日期 (YYYY-MM-DD)、诉求内容 (必填);乡镇(街道)(编码或名称)、地址、渠道 (可选,默认 电话)。\n" +
          "任何一行有问题(编号重复、日期有误、乡镇不存在……)都会列出文件、行和列,不写入任何工单。\n" +
          "结束时列出各承办方的工单数和未派出(留派单席)的件数。",
      ),
    )
    .action(async (file: string, options: OrdersImportOptions) =>
      exit(await runOrdersImport(file, options, io)),
    );
}
