import { LIST_TYPE_NAMES } from "@dutylist/core";
import { HotlineMatcher, type WorkOrderMatch } from "@dutylist/hotline";
import { loadHotlineData } from "@dutylist/store";
import { parseCommand, parseDateOption, required } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { loadChosenCounty, resolveTownship } from "./county-choice.ts";

export const DISPATCH_OPTIONS = { township: { type: "string" }, on: { type: "string" } } as const;

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
export async function runDispatch(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, DISPATCH_OPTIONS);
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values, positionals } = parsed.value;
  const text = positionals.join(" ").trim();
  if (text === "")
    return fail(output, {
      _tag: "USAGE",
      message: '须给出诉求内容,如 dutylist dispatch --township 白沙镇 --on 2026-05-10 "河里有人挖沙"',
    });
  const on = parseDateOption(values.on, "--on");
  if (!on.ok) return fail(output, on.errors[0]);
  const townshipText = required(values.township, "--township");
  if (!townshipText.ok) return fail(output, townshipText.errors[0]);
  return withDatabase(io, values["data-dir"], async (db) => {
    const dataset = await loadChosenCounty(db, values.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    const township = resolveTownship(dataset.value, townshipText.value);
    if (!township.ok) return fail(output, township.errors[0]);
    const code = dataset.value.county.code;
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
