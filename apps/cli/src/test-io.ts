import type { Database } from "@dutylist/store";
import { run } from "./cli.ts";
import type { CliIo } from "./cli-io.ts";

/** What a command printed and how it ended. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command line in-process on an open database, capturing its output (tests).
 * @example const { code, stdout } = await runCli(db, ["lists", "--as-of", "2025-10-01"], { cwd: dir })
 */
export async function runCli(
  database: Database | undefined,
  argv: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTTY: false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    ...(database === undefined ? {} : { database }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
