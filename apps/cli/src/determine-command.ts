import {
  type CountyDataset,
  determineResponsibility,
  type FailureCase,
  type FailureSubject,
  type Findings,
  ok,
  type PartyRef,
  prepareDeterminations,
} from "@dutylist/core";
import { saveDetermination } from "@dutylist/store";
import type { Command } from "commander";
import {
  addStoreOptions,
  type CommandContext,
  parseDateOption,
  parseYesNo,
  repeatable,
  required,
  type StoreOptions,
} from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import {
  type CliIo,
  type CliResult,
  EXIT,
  type ExitCode,
  fail,
  type Output,
  usage,
  writeJson,
} from "./cli-io.ts";
import { cliStamp } from "./cli-stamp.ts";
import { loadChosenCounty, resolveDepartment, resolveTownship } from "./county-choice.ts";
import { renderDetermination } from "./render.ts";
import { helpNotes } from "./usage.ts";

/** The options of `determine`; the findings mirror `Findings` of the failure-case model. */
export interface DetermineOptions extends StoreOptions {
  readonly township?: string;
  readonly item?: string;
  readonly matter?: string;
  readonly date?: string;
  readonly atFault?: string;
  readonly withinContent?: string;
  readonly refused?: string;
  readonly guaranteesDelivered?: string;
  readonly takenOver?: string;
  readonly territorialClaim?: string;
  readonly pushedBy?: string;
  readonly task?: string;
  readonly falsifiedBy?: readonly string[];
  readonly department?: readonly string[];
  readonly title?: string;
  readonly save?: boolean;
}

type Values = DetermineOptions;

/** A township or a department (by code or name), for 弄虚作假 (A8), which either may commit. */
function resolveParty(dataset: CountyDataset, text: string): CliResult<PartyRef> {
  const township = resolveTownship(dataset, text);
  if (township.ok) return ok({ kind: "TOWNSHIP", code: township.value.code });
  const department = resolveDepartment(dataset, text);
  if (department.ok) return ok({ kind: "DEPARTMENT", code: department.value.code });
  return department;
}

function collect<T>(results: readonly CliResult<T>[]): CliResult<T[]> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}

/** The yes/no findings: each `undefined` (not established) unless given. */
function booleanFindings(values: Values): CliResult<Findings> {
  const flags = [
    ["atFault", "--at-fault", "townshipAtFault"],
    ["withinContent", "--within-content", "withinCooperationContent"],
    ["refused", "--refused", "townshipRefusedCooperation"],
    ["guaranteesDelivered", "--guarantees-delivered", "guaranteesDelivered"],
    ["takenOver", "--taken-over", "receivingDepartmentTookOver"],
    ["territorialClaim", "--territorial-claim", "territorialClaim"],
  ] as const;
  const findings: Record<string, boolean> = {};
  for (const [key, option, field] of flags) {
    const value = parseYesNo(values[key], option);
    if (!value.ok) return value;
    if (value.value !== undefined) findings[field] = value.value;
  }
  return ok(findings);
}

/**
 * The failure case the options describe, parties resolved by code or name in the county.
 * @example failureCaseOf(dataset, { township: "城关镇", item: "MS-001", date: "2025-03-15", atFault: "yes" })
 */
export function failureCaseOf(dataset: CountyDataset, values: Values): CliResult<FailureCase> {
  const townshipText = required(values.township, "--township");
  if (!townshipText.ok) return townshipText;
  const township = resolveTownship(dataset, townshipText.value);
  if (!township.ok) return township;
  const date = parseDateOption(values.date, "--date");
  if (!date.ok) return date;
  if ((values.item === undefined) === (values.matter === undefined)) {
    return usage("须给出 --item 事项编码(清单事项)或 --matter 描述(清单外事项)之一");
  }
  const subject: FailureSubject =
    values.item === undefined
      ? { kind: "MATTER", description: values.matter ?? "" }
      : { kind: "ITEM", itemCode: values.item };
  const flags = booleanFindings(values);
  if (!flags.ok) return flags;
  const pushedBy = values.pushedBy === undefined ? undefined : resolveDepartment(dataset, values.pushedBy);
  if (pushedBy !== undefined && !pushedBy.ok) return pushedBy;
  const falsified = collect((values.falsifiedBy ?? []).map((text) => resolveParty(dataset, text)));
  if (!falsified.ok) return falsified;
  const others = collect((values.department ?? []).map((text) => resolveDepartment(dataset, text)));
  if (!others.ok) return others;
  const findings: Findings = {
    ...flags.value,
    ...(pushedBy === undefined ? {} : { pushedDownBy: pushedBy.value.code }),
    ...(values.task === undefined ? {} : { temporaryTaskId: values.task }),
    ...(falsified.value.length === 0 ? {} : { falsifiedBy: falsified.value }),
    ...(others.value.length === 0 ? {} : { otherDepartments: others.value.map((d) => d.code) }),
  };
  return ok({ townshipCode: township.value.code, date: date.value, subject, findings });
}

/**
 * `dutylist determine --township … --item … --date … [findings] [--save] [--json]`: who bears
 * primary, secondary or no responsibility, with the rules, reasons and citations (A1–A11).
 * @example await runDetermine({ township: "城关镇", item: "MS-001", date: "2025-03-15", atFault: "yes" }, io) // 0
 */
export async function runDetermine(values: DetermineOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  return withDatabase(io, values.dataDir, async (db) => {
    const dataset = await loadChosenCounty(db, values.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    const failure = failureCaseOf(dataset.value, values);
    if (!failure.ok) return fail(output, failure.errors[0]);
    const result = determineResponsibility(prepareDeterminations(dataset.value), failure.value);
    if (!result.ok) {
      const message = result.errors.map((e) => e.message).join(";");
      // A9: a date before the township's first recorded list is not found (exit 3), as an unknown item.
      const missing = result.errors.every((e) => e._tag === "NOT_FOUND" || e._tag === "NO_LIST_RECORDED");
      return fail(output, { _tag: missing ? "NOT_FOUND" : "REJECTED", message }, { errors: result.errors });
    }
    const determination = result.value;
    const saved =
      values.save === true
        ? await saveDetermination(
            db,
            dataset.value.county.code,
            determination,
            cliStamp("determine", { county: dataset.value.county.code, ...failure.value }),
          )
        : null;
    if (output.json) {
      writeJson(io, { ok: true, county: dataset.value.county.code, saved, determination });
      return EXIT.OK;
    }
    io.stdout(`${renderDetermination(values.title ?? "责任认定", determination)}\n`);
    if (saved !== null) {
      io.stdout(
        saved
          ? `已保存认定 ${determination.decisionId}\n`
          : `认定 ${determination.decisionId} 已保存过(同一问题、同一清单内容),未重复写入\n`,
      );
    }
    return EXIT.OK;
  });
}

const YES_NO = "yes|no";

/** Adds `determine` to the program. */
export function registerDetermine(program: Command, { io, exit }: CommandContext): void {
  addStoreOptions(
    program
      .command("determine")
      .summary("责任认定 (responsibility determination)")
      .description(
        "责任认定:按失误当日的清单认定各方的主要、次要或不承担责任,列出规则、理由和依据 (A1–A11)。\n" +
          "(Who bears primary, secondary or no responsibility, with rules, reasons and citations.)\n" +
          "认定事实未查明的不要给出:未查明的事实不会使乡镇(街道)担责 (A11)。\n" +
          "(Leave out findings not established: they never make the township responsible.)",
      )
      .usage(
        "--township CODE|名称 (--item 事项编码 | --matter 描述) --date YYYY-MM-DD [认定事实…] [--title 标题] [--save] [--county CODE] [--json]",
      )
      .option("--township <CODE|名称>", "乡镇(街道) (the township)")
      .option("--item <事项编码>", "清单事项 (a listed item)")
      .option("--matter <描述>", "清单外事项的描述 (an off-list matter)")
      .option("--date <YYYY-MM-DD>", "失误日期 (the date of the failure)")
      .option(`--at-fault <${YES_NO}>`, "乡镇(街道)有过错 (the township was at fault)")
      .option(`--within-content <${YES_NO}>`, "失误在清单载明的配合内容内 (within the cooperation content)")
      .option(`--refused <${YES_NO}>`, "乡镇拒不配合 (refused legitimate cooperation, A7)")
      .option(`--guarantees-delivered <${YES_NO}>`, "牵头部门落实了履职保障 (guarantees delivered, A10)")
      .option(`--taken-over <${YES_NO}>`, "承接部门承接到位 (receiving department took over, A6)")
      .option(`--territorial-claim <${YES_NO}>`, "以属地管理为由要求乡镇担责 (territorial claim, A3)")
      .option("--pushed-by <部门>", "转嫁清单外事项的部门 (department that pushed the matter down, A4)")
      .option("--task <任务编号>", "所属的已登记临时性工作任务 (registered temporary task, A5)")
      .option(
        "--falsified-by <乡镇或部门>",
        "弄虚作假的一方,可重复 (who falsified, repeatable, A8)",
        repeatable,
      )
      .option(
        "--department <部门>",
        "案件涉及的其他部门,可重复 (further departments, repeatable)",
        repeatable,
      )
      .option("--title <标题>", "认定的标题 (a title)")
      .option("--save", "保存认定结果 (store the determination)"),
  )
    .addHelpText(
      "after",
      helpNotes("yes|no 也可写作 是|否;乡镇、部门用编码或名称 (parties by code or name)。"),
    )
    .action(async (options: DetermineOptions) => exit(await runDetermine(options, io)));
}
