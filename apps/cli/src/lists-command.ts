import {
  buildListIndex,
  type CountyDataset,
  type IsoDate,
  LIST_TYPE_NAMES,
  type ListEntry,
  listsAsOf,
  noListRecorded,
  type TownshipLists,
} from "@dutylist/core";
import type { Command } from "commander";
import { addStoreOptions, type CommandContext, parseDateOption, type StoreOptions } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { loadChosenCounty, resolveTownship } from "./county-choice.ts";
import { renderListCounts } from "./render.ts";
import { renderTable } from "./text-table.ts";
import { helpNotes } from "./usage.ts";

function departmentNamer(dataset: CountyDataset): (code: string) => string {
  const names = new Map(dataset.departments.map((d) => [d.code, d.name]));
  return (code) => names.get(code) ?? code;
}

function interval(entry: ListEntry): string {
  return entry.effectiveTo === null
    ? `${entry.effectiveFrom}起`
    : `${entry.effectiveFrom}至${entry.effectiveTo}`;
}

/**
 * A township's three lists on a date as three tables.
 * @example renderTownshipLists(dataset, listsAsOf(index, "QX-CG", isoDate("2025-10-01")))
 */
export function renderTownshipLists(dataset: CountyDataset, lists: TownshipLists): string {
  const department = departmentNamer(dataset);
  const basic = renderTable(
    ["事项编码", "事项名称", "类别", "承办股室", "生效"],
    lists.basic.map((e) => [
      e.itemCode,
      e.content.name,
      e.content.category,
      e.assignment?.office ?? "—",
      interval(e),
    ]),
  );
  const cooperative = renderTable(
    ["事项编码", "事项名称", "牵头部门", "镇街配合职责", "生效"],
    lists.cooperative.map((e) => [
      e.itemCode,
      e.content.name,
      e.terms.type === "COOPERATIVE" ? e.terms.leadDepartments.map(department).join("、") : "",
      e.terms.type === "COOPERATIVE" ? e.terms.cooperationContent.join(";") : "",
      interval(e),
    ]),
  );
  const reclaimed = renderTable(
    ["事项编码", "事项名称", "承接部门", "工作方式", "生效"],
    lists.reclaimed.map((e) => [
      e.itemCode,
      e.content.name,
      e.terms.type === "RECLAIMED" ? department(e.terms.receivingDepartment) : "",
      e.terms.type === "RECLAIMED" ? e.terms.wayOfWorking : "",
      interval(e),
    ]),
  );
  return [
    `${LIST_TYPE_NAMES.BASIC}(${lists.basic.length} 项)\n${basic}`,
    `${LIST_TYPE_NAMES.COOPERATIVE}(${lists.cooperative.length} 项)\n${cooperative}`,
    `${LIST_TYPE_NAMES.RECLAIMED}(${lists.reclaimed.length} 项)\n${reclaimed}`,
  ].join("\n\n");
}

function showLists(
  output: Output,
  dataset: CountyDataset,
  asOf: IsoDate,
  townshipText: string | undefined,
): ExitCode {
  const { io, json } = output;
  const index = buildListIndex(dataset.entries);
  const county = { code: dataset.county.code, name: dataset.county.name };
  if (townshipText !== undefined) {
    const township = resolveTownship(dataset, townshipText);
    if (!township.ok) return fail(output, township.errors[0]);
    // A9: before the township's first recorded list there are no lists (exit 3), not empty ones.
    const none = noListRecorded(index, county.code, township.value.code, asOf, township.value.name);
    if (none !== null) return fail(output, { _tag: "NOT_FOUND", message: none.message });
    const lists = listsAsOf(index, township.value.code, asOf);
    if (json) writeJson(io, { ok: true, county, asOf, township: township.value, lists });
    else {
      io.stdout(
        `${dataset.county.name} ${township.value.name}(${township.value.code})截至 ${asOf} 的清单,` +
          `第${lists.version.number}版${lists.version.changeId === null ? "" : `(${lists.version.changeId})`}\n\n` +
          `${renderTownshipLists(dataset, lists)}\n`,
      );
    }
    return EXIT.OK;
  }
  const none = dataset.townships.map((t) => noListRecorded(index, county.code, t.code, asOf, t.name));
  if (none[0] != null && none.every((n) => n !== null))
    return fail(output, {
      _tag: "NOT_FOUND",
      message: `${dataset.county.name}在 ${asOf} 尚无清单记录:${none[0].message}`,
    });
  const all = dataset.townships.map((t) => listsAsOf(index, t.code, asOf));
  const total = (pick: (l: TownshipLists) => readonly ListEntry[]) =>
    all.reduce((n, l) => n + pick(l).length, 0);
  if (json) {
    const names = new Map(dataset.townships.map((t) => [t.code, t.name]));
    writeJson(io, {
      ok: true,
      county,
      asOf,
      townships: all.map((l) => ({
        code: l.townshipCode,
        name: names.get(l.townshipCode) ?? l.townshipCode,
        version: l.version,
        basic: l.basic.length,
        cooperative: l.cooperative.length,
        reclaimed: l.reclaimed.length,
      })),
    });
    return EXIT.OK;
  }
  const names = new Map(dataset.townships.map((t) => [t.code, t.name]));
  io.stdout(
    `${dataset.county.name}(${dataset.county.code})截至 ${asOf} 的清单:${all.length} 个乡镇(街道),` +
      `基本 ${total((l) => l.basic)} 项、配合 ${total((l) => l.cooperative)} 项、收回 ${total((l) => l.reclaimed)} 项\n\n` +
      `${renderListCounts(names, all)}\n\n用 --township 查看一个乡镇(街道)的完整清单。\n`,
  );
  return EXIT.OK;
}

/** The options of `lists`. */
export interface ListsOptions extends StoreOptions {
  readonly asOf?: string;
  readonly township?: string;
}

/**
 * `dutylist lists --as-of DATE [--county CODE] [--township CODE|名称] [--json]`: counts per
 * township, or one township's three lists in full.
 * @example await runLists({ asOf: "2025-10-01", township: "城关镇" }, io) // 0
 */
export async function runLists(options: ListsOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: options.json === true };
  const asOf = parseDateOption(options.asOf, "--as-of");
  if (!asOf.ok) return fail(output, asOf.errors[0]);
  return withDatabase(io, options.dataDir, async (db) => {
    const dataset = await loadChosenCounty(db, options.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    return showLists(output, dataset.value, asOf.value, options.township);
  });
}

/** Adds `lists` to the program. */
export function registerLists(program: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    program
      .command("lists")
      .summary("某日的清单 (the lists on a date)")
      .description(
        "某日的三张清单:全县各乡镇(街道)的事项数,或一个乡镇(街道)的完整清单。\n" +
          "(The three lists on a date: counts per township, or one township's lists in full.)",
      )
      .usage("--as-of YYYY-MM-DD [--county CODE] [--township CODE|名称] [--json]")
      .option("--as-of <DATE>", "日期 YYYY-MM-DD (the date)")
      .option("--township <CODE|名称>", "只看一个乡镇(街道)的完整清单 (one township in full)"),
  )
    .addHelpText("after", helpNotes())
    .action(async (options: ListsOptions) => exit(await runLists(options, io)));
}
