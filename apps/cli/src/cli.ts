import { Command, CommanderError } from "commander";
import { registerAssess } from "./assess-command.ts";
import { registerAudit } from "./audit-command.ts";
import type { CommandContext } from "./cli-args.ts";
import { type CliIo, EXIT, type ExitCode, fail, writeJson } from "./cli-io.ts";
import { registerDemo } from "./demo.ts";
import { registerDetermine } from "./determine-command.ts";
import { registerDispatch } from "./dispatch-command.ts";
import { registerExport } from "./export-command.ts";
import { registerGenerate, registerSample } from "./generate-command.ts";
import { registerImport } from "./import-command.ts";
import { registerLists } from "./lists-command.ts";
import { registerOrders } from "./orders-command.ts";
import { registerToken } from "./token-command.ts";
import { CHINESE_HELP, commanderProblem, OVERVIEW_NOTES } from "./usage.ts";

/**
 * The `dutylist` program (commander): every command with its options and Chinese help. Output
 * goes through `context.io`, and errors are thrown (exitOverride) instead of ending the process,
 * so commands run in-process in tests.
 * @example await buildProgram(context).parseAsync(["lists", "--as-of", "2025-10-01"], { from: "user" })
 */
export function buildProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command("dutylist")
    .usage("<命令> [选项]")
    .description(
      "乡镇(街道)履职事项清单:导入导出工作簿、年度考核、责任认定、12345 派单、变更日志。\n" +
        "(The duty-list engine's command line.)",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Errors are printed in Chinese by `run` (and as JSON with --json), not in commander's English.
      outputError: () => undefined,
    })
    .configureHelp(CHINESE_HELP)
    .helpOption("-h, --help", "显示帮助 (display help)")
    .helpCommand("help [命令]", "显示命令的帮助 (help for a command)")
    .addHelpText("after", `\n${OVERVIEW_NOTES}`);
  registerImport(program, context);
  registerExport(program, context);
  registerAssess(program, context);
  registerDetermine(program, context);
  registerDispatch(program, context);
  registerOrders(program, context);
  registerLists(program, context);
  registerGenerate(program, context);
  registerSample(program, context);
  registerAudit(program, context);
  registerDemo(program, context);
  registerToken(program, context);
  return program;
}

/** The command path an error came from (`export lists`), for the hint to its help. */
function commandPath(argv: readonly string[], program: Command): string {
  const names: string[] = [];
  let command: Command | undefined = program;
  for (const word of argv) {
    const next: Command | undefined = command?.commands.find((c) => c.name() === word);
    if (next === undefined) break;
    names.push(word);
    command = next;
  }
  return names.join(" ");
}

/**
 * Runs one command line (without `node dutylist.mjs`) and returns its exit code: 0 ok, 1 input
 * rejected, 2 usage error, 3 not found, 4 unexpected failure, 5 database held. Everything goes
 * through `io`, so tests run commands in-process.
 * @example await run(["lists", "--as-of", "2025-10-01"], io) // 0
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes("--json");
  let code: ExitCode = EXIT.OK;
  const program = buildProgram({
    io,
    exit: (exit) => {
      code = exit;
    },
  });
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.OK;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for (`--help`, `help`): printed, 0. A group without its subcommand: its help on stderr, 2.
      if (error.exitCode === 0) return EXIT.OK;
      return fail({ io, json }, commanderProblem(error, commandPath(argv, program)));
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `意外故障:${message}\n${error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : ""}`,
    );
    if (json) writeJson(io, { ok: false, error: { kind: "FAILURE", message } });
    return EXIT.FAILURE;
  }
}
