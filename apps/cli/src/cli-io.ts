import path from "node:path";
import { err, type Result } from "@dutylist/core";
import type { Database } from "@dutylist/store";

/** Where a command writes and reads: injected, so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress bars are drawn only on a terminal. */
  readonly stderrIsTTY: boolean;
  /** Relative paths are resolved against this directory: where the user ran the command. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** An open database to use and leave open (tests run many commands on one); else each command opens its own. */
  readonly database?: Database;
}

/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  OK: 0,
  /** Input rejected: issues in a workbook, a file that cannot be read as one (what it is is said), or a refusal of the domain. */
  REJECTED: 1,
  USAGE: 2,
  /** A county, plan, township, item or file that does not exist. */
  NOT_FOUND: 3,
  FAILURE: 4,
  /** The embedded database is held by another process (a running server): stop it, or use its API. */
  LOCKED: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure of a command, with the exit code it ends with. */
export interface CliProblem {
  readonly _tag: "USAGE" | "NOT_FOUND" | "REJECTED";
  readonly message: string;
}

export type CliResult<T> = Result<T, CliProblem>;

const EXIT_OF_PROBLEM: Readonly<Record<CliProblem["_tag"], ExitCode>> = {
  USAGE: EXIT.USAGE,
  NOT_FOUND: EXIT.NOT_FOUND,
  REJECTED: EXIT.REJECTED,
};

/**
 * A usage error as a failed result.
 * @example return usage("--year 须为年份")
 */
export function usage(message: string): CliResult<never> {
  return err({ _tag: "USAGE", message });
}

/**
 * A missing county, plan, township or file as a failed result.
 * @example return notFound("县 QX 不存在")
 */
export function notFound(message: string): CliResult<never> {
  return err({ _tag: "NOT_FOUND", message });
}

/**
 * The directory the user ran the command in: pnpm runs scripts in the package's directory and
 * keeps the user's in `INIT_CWD`.
 * @example invocationDirectory({ INIT_CWD: "/home/me" }, "/repo/apps/cli") // "/home/me"
 */
export function invocationDirectory(env: NodeJS.ProcessEnv, processCwd: string): string {
  return env.INIT_CWD ?? processCwd;
}

/**
 * A path the user typed, absolute.
 * @example resolvePath(io, "out.xlsx") // "/home/me/out.xlsx"
 */
export function resolvePath(io: CliIo, file: string): string {
  return path.resolve(io.cwd, file);
}

/** How a command presents its outcome: text to stdout, or one JSON document. */
export interface Output {
  readonly json: boolean;
  readonly io: CliIo;
}

/**
 * Ends a command with a problem: its message on stderr, and with `--json` one document on stdout.
 * @example return fail(output, county.errors[0])
 */
export function fail(output: Output, problem: CliProblem, extra: Record<string, unknown> = {}): ExitCode {
  output.io.stderr(`错误:${problem.message}\n`);
  if (output.json) {
    writeJson(output.io, { ok: false, error: { kind: problem._tag, message: problem.message }, ...extra });
  }
  return EXIT_OF_PROBLEM[problem._tag];
}

/**
 * Writes the one JSON document of a `--json` run.
 * @example writeJson(io, { ok: true, townships: [] })
 */
export function writeJson(io: CliIo, document: unknown): void {
  io.stdout(`${JSON.stringify(document, null, 2)}\n`);
}
