import type { Command, CommanderError, HelpConfiguration } from "commander";
import type { CliProblem } from "./cli-io.ts";
import { displayWidth } from "./display-width.ts";

// Help in Chinese (English in parentheses) for commander: its headings, the exit codes, and its
// English errors turned into Chinese usage problems (exit 2).

/** The exit codes, at the end of every command's help. */
export const EXIT_CODES = `退出码 (exit codes):
  0  成功 (ok)
  1  输入被拒绝:工作簿有问题、文件无法读取(并说明它是什么文件),或领域规则拒绝;audit verify:变更日志被篡改
     (input rejected: issues found, unreadable file, domain refusal; audit verify: the change log was tampered with)
  2  用法错误:未知的命令或选项、取值有误 (usage error)
  3  不存在:县、考核方案、乡镇(街道)、事项或文件 (not found: county, plan, township, item, file)
  4  意外故障 (unexpected failure)
  5  数据目录正被另一个进程使用(如 pnpm start 的服务):停止它,或用它的 GraphQL API
     (the embedded database is held by another process: stop it, or use its GraphQL API)`;

/** After the list of commands in `dutylist help`. */
export const OVERVIEW_NOTES = `${EXIT_CODES}

进度条只在标准错误是终端且未用 --json 时显示 (progress bars go to stderr, only on a terminal, never with --json).
在仓库根目录:pnpm dutylist <命令> …;要把 --json 输出交给其他程序,用 pnpm -s dutylist … 以免 pnpm 打印脚本行。`;

/**
 * Text after a command's options: its notes (when any), then the exit codes.
 * @example command.addHelpText("after", helpNotes("格式见 docs/import-format.md"))
 */
export function helpNotes(notes?: string): string {
  return `\n${notes === undefined ? "" : `${notes}\n\n`}${EXIT_CODES}`;
}

const TITLES: Readonly<Record<string, string>> = {
  "Usage:": "用法:",
  "Arguments:": "参数 (arguments):",
  "Options:": "选项 (options):",
  "Global Options:": "通用选项 (global options):",
  "Commands:": "命令 (commands):",
};

/** A command in its parent's list: its name, `[选项]` when it has options, and its arguments. */
function subcommandTerm(command: Command): string {
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? "..." : ""}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  const subcommands = command.commands.map((c) => c.name()).join("|");
  return [
    command.name(),
    ...(subcommands === "" ? [] : [subcommands]),
    ...(command.options.length > 0 ? ["[选项]"] : []),
    ...args,
  ].join(" ");
}

/**
 * commander's help with Chinese headings, measured in terminal columns (CJK two each). Lines wrap
 * at 120 columns: commander wraps at spaces only, and Chinese sentences have few.
 */
export const CHINESE_HELP: HelpConfiguration = {
  styleTitle: (title) => TITLES[title] ?? title,
  displayWidth,
  subcommandTerm,
  helpWidth: 120,
  sortSubcommands: false,
  showGlobalOptions: false,
};

const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? "";

function suggestion(message: string): string {
  const similar = /Did you mean (?:one of )?([^?]+)\?/.exec(message)?.[1];
  return similar === undefined ? "" : `(是否要用 ${similar.trim()}?)`;
}

/**
 * A commander error as a Chinese usage problem.
 * @example commanderProblem(error).message // "未知的选项 --frob(运行 dutylist assess --help 查看选项)"
 */
export function commanderProblem(error: CommanderError, command: string): CliProblem {
  const { code, message } = error;
  const help = `运行 dutylist ${command === "" ? "" : `${command} `}--help 查看用法`;
  const text = (() => {
    switch (code) {
      case "commander.unknownOption":
        return `未知的选项 ${quoted(message)}${suggestion(message)};${help}`;
      case "commander.unknownCommand":
        return `未知的命令 ${quoted(message)}${suggestion(message)};运行 dutylist help 查看命令`;
      case "commander.missingArgument":
        return `缺少参数 ${quoted(message)};${help}`;
      case "commander.optionMissingArgument":
        return `选项 ${quoted(message)} 缺少取值`;
      case "commander.missingMandatoryOptionValue":
        return `缺少 ${quoted(message)}`;
      case "commander.excessArguments":
        return `多余的参数;${help}`;
      case "commander.invalidArgument":
        return `取值有误:${message.replace(/^error: /, "")}`;
      case "commander.help":
        return `缺少子命令;${help}`;
      default:
        return `参数有误:${message.replace(/^error: /, "")}`;
    }
  })();
  return { _tag: "USAGE", message: text };
}
