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
import { type ParsedCommand, parseCommand, parseDateOption, parseYesNo, required } from "./cli-args.ts";
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

/** The options of `determine`; the findings mirror `Findings` of the failure-case model. */
export const DETERMINE_OPTIONS = {
  township: { type: "string" },
  item: { type: "string" },
  matter: { type: "string" },
  date: { type: "string" },
  "at-fault": { type: "string" },
  "within-content": { type: "string" },
  refused: { type: "string" },
  "guarantees-delivered": { type: "string" },
  "taken-over": { type: "string" },
  "territorial-claim": { type: "string" },
  "pushed-by": { type: "string" },
  task: { type: "string" },
  "falsified-by": { type: "string", multiple: true },
  department: { type: "string", multiple: true },
  title: { type: "string" },
  save: { type: "boolean" },
} as const;

type Values = ParsedCommand<typeof DETERMINE_OPTIONS>["values"];

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
    ["at-fault", "townshipAtFault"],
    ["within-content", "withinCooperationContent"],
    ["refused", "townshipRefusedCooperation"],
    ["guarantees-delivered", "guaranteesDelivered"],
    ["taken-over", "receivingDepartmentTookOver"],
    ["territorial-claim", "territorialClaim"],
  ] as const;
  const findings: Record<string, boolean> = {};
  for (const [option, field] of flags) {
    const value = parseYesNo(values[option], `--${option}`);
    if (!value.ok) return value;
    if (value.value !== undefined) findings[field] = value.value;
  }
  return ok(findings);
}

/**
 * The failure case the options describe, parties resolved by code or name in the county.
 * @example failureCaseOf(dataset, { township: "城关镇", item: "MS-001", date: "2025-03-15", "at-fault": "yes" })
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
  const pushedBy =
    values["pushed-by"] === undefined ? undefined : resolveDepartment(dataset, values["pushed-by"]);
  if (pushedBy !== undefined && !pushedBy.ok) return pushedBy;
  const falsified = collect((values["falsified-by"] ?? []).map((text) => resolveParty(dataset, text)));
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
 * @example await runDetermine(["--township", "城关镇", "--item", "MS-001", "--date", "2025-03-15", "--at-fault", "yes"], io) // 0
 */
export async function runDetermine(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, DETERMINE_OPTIONS);
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values } = parsed.value;
  return withDatabase(io, values["data-dir"], async (db) => {
    const dataset = await loadChosenCounty(db, values.county);
    if (!dataset.ok) return fail(output, dataset.errors[0]);
    const failure = failureCaseOf(dataset.value, values);
    if (!failure.ok) return fail(output, failure.errors[0]);
    const result = determineResponsibility(prepareDeterminations(dataset.value), failure.value);
    if (!result.ok) {
      const message = result.errors.map((e) => e.message).join(";");
      const missing = result.errors.every((e) => e._tag === "NOT_FOUND");
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
