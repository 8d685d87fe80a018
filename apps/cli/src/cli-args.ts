import { type ParseArgsConfig, parseArgs } from "node:util";
import { type IsoDate, isIsoDate, ok } from "@dutylist/core";
import { type CliResult, usage } from "./cli-io.ts";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  county: { type: "string" },
  "data-dir": { type: "string" },
} as const satisfies OptionsConfig;

const PARSE_ERRORS: Readonly<Record<string, string>> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: "未知的选项",
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "选项的取值有误",
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: "多余的参数",
};

interface CommandConfig<O extends OptionsConfig> {
  args: string[];
  options: typeof COMMON_OPTIONS & O;
  allowPositionals: true;
  strict: true;
}

/** A command's parsed options (`values`) and positionals. */
export type ParsedCommand<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandConfig<O>>>;

/**
 * Parses a command's arguments (`node:util` parseArgs, strict) with the common options; an
 * unknown option or a missing value is a usage error.
 * @example parseCommand(["--year", "2025"], { year: { type: "string" } })
 */
export function parseCommand<const O extends OptionsConfig>(
  argv: readonly string[],
  options: O,
): CliResult<ParsedCommand<O>> {
  const config: CommandConfig<O> = {
    args: [...argv],
    options: { ...COMMON_OPTIONS, ...options },
    allowPositionals: true,
    strict: true,
  };
  try {
    return ok(parseArgs(config));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const what = typeof code === "string" ? (PARSE_ERRORS[code] ?? "参数有误") : "参数有误";
    return usage(`${what}:${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A required option's value, or a usage error naming it.
 * @example required(values.out, "--out")
 */
export function required(value: string | undefined, name: string): CliResult<string> {
  return value === undefined || value === "" ? usage(`缺少 ${name}`) : ok(value);
}

/**
 * A `YYYY-MM-DD` option.
 * @example parseDateOption("2025-07-01", "--as-of") // ok("2025-07-01")
 */
export function parseDateOption(value: string | undefined, name: string): CliResult<IsoDate> {
  const text = required(value, name);
  if (!text.ok) return text;
  return isIsoDate(text.value) ? ok(text.value) : usage(`${name} 须为日期 YYYY-MM-DD:${text.value}`);
}

/**
 * A whole number within bounds.
 * @example parseIntegerOption("30", "--townships", 1, 5000) // ok(30)
 */
export function parseIntegerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): CliResult<number> {
  const text = required(value, name);
  if (!text.ok) return text;
  const n = Number(text.value);
  return /^-?\d+$/.test(text.value) && n >= min && n <= max
    ? ok(n)
    : usage(`${name} 须为 ${min}–${max} 之间的整数:${text.value}`);
}

/**
 * A share between 0 and 1, as a fraction (`0.2`) or a percentage (`20%`).
 * @example parseShareOption("20%", "--max-removal-share") // ok(0.2)
 */
export function parseShareOption(value: string | undefined, name: string): CliResult<number> {
  const text = required(value, name);
  if (!text.ok) return text;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text.value);
  const share = percent?.[1] !== undefined ? Number(percent[1]) / 100 : Number(text.value);
  return /^(\d+(\.\d+)?%?)$/.test(text.value) && share >= 0 && share <= 1
    ? ok(share)
    : usage(`${name} 须为 0–1 之间的比例(如 0.2)或百分比(如 20%):${text.value}`);
}

/**
 * A year such as 2025.
 * @example parseYearOption("2025") // ok(2025)
 */
export function parseYearOption(value: string | undefined): CliResult<number> {
  return parseIntegerOption(value, "--year", 1949, 2999);
}

const YES = new Set(["yes", "y", "true", "1", "是"]);
const NO = new Set(["no", "n", "false", "0", "否"]);

/**
 * A yes/no option (yes|no, 是|否); `undefined` when not given — a finding not established.
 * @example parseYesNo("是", "--at-fault") // ok(true)
 */
export function parseYesNo(value: string | undefined, name: string): CliResult<boolean | undefined> {
  if (value === undefined) return ok(undefined);
  const text = value.trim().toLowerCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return usage(`${name} 须为 yes|no(是|否):${value}`);
}
