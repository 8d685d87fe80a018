import { existsSync } from "node:fs";
import { type CountyDataset, type IsoDate, isIsoDate } from "@dutylist/core";
import { HotlineMatcher } from "@dutylist/hotline";
import { loadHotlineData, type StoredWorkOrder, saveWorkOrders } from "@dutylist/store";
import { type Cell, readWorkbookFile, type SheetTable } from "@dutylist/workbook";
import { parseCommand } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { cliStamp } from "./cli-stamp.ts";
import { loadChosenCounty, resolveTownship } from "./county-choice.ts";
import { progressBar } from "./progress.ts";
import { renderTable } from "./text-table.ts";

// `dutylist orders import orders.xlsx`: a month of 12345 orders, each matched and dispatched by
// the lists of its day (H1), stored in one transaction — every bad row named first, nothing
// written then.

export const ORDERS_OPTIONS = { "dry-run": { type: "boolean" } } as const;

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
export async function runOrders(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, ORDERS_OPTIONS);
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values, positionals } = parsed.value;
  const [sub, file] = positionals;
  if (sub !== "import" || file === undefined)
    return fail(output, {
      _tag: "USAGE",
      message: "用法: dutylist orders import 工单.xlsx [--county CODE] [--dry-run]",
    });
  if (!existsSync(file)) return fail(output, { _tag: "NOT_FOUND", message: `找不到文件 ${file}` });
  const reading = progressBar(io, !output.json, "读取");
  const read = await readWorkbookFile(file, { onProgress: (n) => reading.update(n, null, "行") });
  reading.finish();
  if (!read.ok)
    return fail(output, {
      _tag: "REJECTED",
      message: read.errors[0].message,
    });
  const sheet = read.value.sheets.find((s) => s.name === "12345工单") ?? read.value.sheets[0];
  if (sheet === undefined) return fail(output, { _tag: "REJECTED", message: `${file} 没有工作表` });
  return withDatabase(io, values["data-dir"], async (db) => {
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
    if (values["dry-run"] !== true) {
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
      writeJson(io, { ok: true, county: code, dryRun: values["dry-run"] === true, ...s });
      return EXIT.OK;
    }
    io.stdout(
      `${values["dry-run"] === true ? "试派(未写入)" : "已导入并派单"} ${s.total} 件工单,未派出(留派单席)${s.unassigned} 件\n` +
        `${renderTable(
          ["承办方", "工单数"],
          s.byParty.map(([name, n]) => [name, String(n)]),
        )}\n`,
    );
    return EXIT.OK;
  });
}
