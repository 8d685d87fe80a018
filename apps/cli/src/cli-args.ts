import { type IsoDate, isIsoDate, ok } from "@dutylist/core";
import type { Command } from "commander";
import { type CliIo, type CliResult, type ExitCode, usage } from "./cli-io.ts";

/** What a command's action needs: where it writes, and where its exit code goes. */
export interface CommandContext {
  readonly io: CliIo;
  /** Records the exit code of the command that ran (commander's actions return nothing). */
  readonly exit: (code: ExitCode) => void;
}

/** `--json`, taken by every command that prints a result. */
export interface JsonOption {
  readonly json?: boolean;
}

/** The options of every command that reads or writes the store. */
export interface StoreOptions extends JsonOption {
  readonly county?: string;
  readonly dataDir?: string;
}

/**
 * Adds `--json`.
 * @example addJsonOption(program.command("generate"))
 */
export function addJsonOption(command: Command): Command {
  return command.option(
    "--json",
    "只向标准输出写一个 JSON 文档(含问题清单)(one JSON document on stdout, issues included)",
  );
}

/**
 * Adds the options of a command on the store: `--county`, `--data-dir`, `--json`.
 * @example addStoreOptions(program.command("assess"))
 */
export function addStoreOptions(command: Command): Command {
  return addJsonOption(
    command
      .option("--county <CODE>", "县编码;库中只有一个县时可省略 (the county; default: the only one stored)")
      .option(
        "--data-dir <DIR>",
        "PGlite 数据目录,默认仓库根目录的 .data/pglite;设置 DATABASE_URL=postgresql://… 则用 PostgreSQL " +
          "(embedded database directory; DATABASE_URL selects PostgreSQL)",
      ),
  );
}

/**
 * Collects a repeatable option's values (`--department A --department B`).
 * @example command.option("--department <部门>", "…", repeatable)
 */
export function repeatable(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
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
