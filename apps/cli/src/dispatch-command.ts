import { buildListIndex, LIST_TYPE_NAMES, noListRecorded } from "@dutylist/core";
import { HotlineMatcher, type WorkOrderMatch } from "@dutylist/hotline";
import { loadHotlineData } from "@dutylist/store";
import type { Command } from "commander";
import {
  addStoreOptions,
  type CommandContext,
  parseDateOption,
  required,
  type StoreOptions,
} from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { loadChosenCounty, resolveTownship } from "./county-choice.ts";
import { helpNotes } from "./usage.ts";

/** The options of `dispatch`. */
export interface DispatchOptions extends StoreOptions {
  readonly township?: string;
  readonly on?: string;
}

const PARTY_KIND: Readonly<Record<string, string>> = {
  TOWNSHIP: "乡镇(街道)",
  DEPARTMENT: "县级部门",
  DESK: "派单席",
};

/** The dispatch in Chinese: item, list, who handles, who assists or reports, basis, reason, candidates. */
export function renderDispatch(m: WorkOrderMatch): string {
  const d = m.dispatch;
  const names = (parties: readonly { name: string }[]) => parties.map((p) => p.name).join("、");
  const lines = [
    d.unassigned ? "派单结果:未派出,留县12345热线派单席人工分派" : `派单结果:${names(d.handlers)}承办`,
    ...(d.itemCode === null
      ? []
      : [`对应事项:${d.itemName}(${d.itemCode}),${LIST_TYPE_NAMES[d.listType ?? "BASIC"]}`]),
    ...d.handlers.map((h) => `承办方:${h.name}(${PARTY_KIND[h.kind]} ${h.code})`),
    ...(d.assisting.length === 0
      ? []
      : [`配合方:${names(d.assisting)},配合内容:${d.townshipPart.join(";")}`]),
    ...(d.reporting.length === 0
      ? []
      : [`报告方:${names(d.reporting)},工作方式:${d.townshipPart.join(";")}`]),
    ...(d.basis.length === 0
      ? []
      : [`设定依据:${d.basis.map((b) => b.document + (b.article ?? "")).join("、")}`]),
    `理由:${d.reason}`,
    `候选事项:${m.candidates.map((c) => `${c.itemCode}(${c.score.toFixed(1)})`).join("、") || "无"}`,
  ];
  return lines.join("\n");
}

/**
 * `dutylist dispatch --township … --on YYYY-MM-DD "诉求内容"`: matches a 12345 order to the items
 * in force in the township that day and dispatches it by the lists (H1); stores nothing.
 */
export async function runDispatch(
  words: readonly string[],
  values: DispatchOptions,
  io: CliIo,
): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const text = words.join(" ").trim();
  if (text === "")
    return fail(output, {
      _tag: "USAGE",
      message: '须给出诉求内容,如 dutylist dispatch --township 白沙镇 --on 2026-05-10 "河里有人挖沙"',
    });
  const on = parseDateOption(values.on, "--on");
  if (!on.ok) return fail(output, on.errors[0]);
  const townshipText = required(values.township, "--township");
  if (!townshipText.ok) return fail(output, townshipText.errors[0]);
  return withDatabase(io, values.dataDir, async (db) => {
    const dataset = await loadChosenCounty(db, values.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    const township = resolveTownship(dataset.value, townshipText.value);
    if (!township.ok) return fail(output, township.errors[0]);
    const code = dataset.value.county.code;
    // A9: an order of a day before the township's first recorded list has no lists to go by (exit 3).
    const index = buildListIndex(dataset.value.entries);
    const none = noListRecorded(index, code, township.value.code, on.value, township.value.name);
    if (none !== null) return fail(output, { _tag: "NOT_FOUND", message: none.message });
    const { phrases, places } = await loadHotlineData(db, code);
    const matcher = new HotlineMatcher();
    matcher.addCounty(dataset.value, phrases, places);
    const m = matcher.match({
      countyCode: code,
      townshipCode: township.value.code,
      receivedOn: on.value,
      text,
    });
    if (output.json) writeJson(io, { ok: true, county: code, match: m });
    else io.stdout(`${renderDispatch(m)}\n`);
    return EXIT.OK;
  });
}

/** Adds `dispatch` to the program. */
export function registerDispatch(program: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    program
      .command("dispatch")
      .summary("12345 按清单派单 (dispatch a hotline order by the lists)")
      .description(
        "12345 派单:把市民诉求匹配到该乡镇(街道)当日有效的清单事项,按清单类型派单 (H1):基本事项由乡镇办理,\n" +
          "配合事项由牵头部门办理、乡镇在配合内容内协助,收回事项由承接部门办理、乡镇只报告;匹配不到或事项不在\n" +
          "该乡镇当日清单上的,留在县12345热线派单席,不默认派给乡镇 (A11)。不写入数据库。\n" +
          "(Matches a citizen's complaint to the items in force and dispatches it by the lists; stores nothing.)",
      )
      .usage('--township CODE|名称 --on YYYY-MM-DD "诉求内容" [--county CODE] [--json]')
      .argument("[诉求内容...]", "市民的诉求 (the complaint)")
      .option("--township <CODE|名称>", "诉求所在的乡镇(街道) (the township)")
      .option("--on <YYYY-MM-DD>", "受理日期 (the day received)"),
  )
    .addHelpText(
      "after",
      helpNotes('用法示例:dutylist dispatch --township 白沙镇 --on 2026-05-10 "河口村河里半夜有船在抽沙"'),
    )
    .action(async (words: string[], options: DispatchOptions) => exit(await runDispatch(words, options, io)));
}
