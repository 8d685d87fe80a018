import { runAssess } from "./assess-command.ts";
import { runAudit } from "./audit-command.ts";
import { type CliIo, EXIT, type ExitCode, fail, writeJson } from "./cli-io.ts";
import { runDemo } from "./demo.ts";
import { runDetermine } from "./determine-command.ts";
import { runDispatch } from "./dispatch-command.ts";
import { runExport } from "./export-command.ts";
import { runGenerate, runSample } from "./generate-command.ts";
import { runImport } from "./import-command.ts";
import { runLists } from "./lists-command.ts";
import { runOrders } from "./orders-command.ts";
import { runToken } from "./token-command.ts";
import { COMMAND_USAGE, type CommandName, commandUsage, USAGE } from "./usage.ts";

type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<CommandName, Command>> = {
  import: runImport,
  export: runExport,
  assess: runAssess,
  audit: runAudit,
  determine: runDetermine,
  dispatch: runDispatch,
  lists: runLists,
  orders: runOrders,
  generate: runGenerate,
  sample: runSample,
  token: runToken,
  demo: async (_argv, io) => (runDemo(io.stdout) === 0 ? EXIT.OK : EXIT.REJECTED),
};

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

/**
 * Runs one command line (without `node main.ts`) and returns its exit code: 0 ok, 1 input
 * rejected, 2 usage error, 3 not found, 4 unexpected failure. Everything goes through `io`, so
 * tests run commands in-process.
 * @example await run(["lists", "--as-of", "2025-10-01"], io) // 0
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const topic = rest[0];
    io.stdout(topic !== undefined && isCommand(topic) ? commandUsage(topic) : USAGE);
    return EXIT.OK;
  }
  if (!isCommand(name)) {
    return fail({ io, json }, { _tag: "USAGE", message: `未知的命令 ${name}(运行 dutylist help 查看命令)` });
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(commandUsage(name));
    return EXIT.OK;
  }
  try {
    return await COMMANDS[name](rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `意外故障:${message}\n${error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : ""}`,
    );
    if (json) writeJson(io, { ok: false, error: { kind: "FAILURE", message } });
    return EXIT.FAILURE;
  }
}
