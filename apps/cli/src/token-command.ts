import path from "node:path";
import { demoActor, ensureLocalSigningKey, mintToken } from "@dutylist/auth";
import { ACCESS_ROLE_NAMES, ACCESS_ROLES, type AccessRole, type Actor, isAccessRole } from "@dutylist/core";
import type { Command } from "commander";
import { addJsonOption, type CommandContext, type JsonOption } from "./cli-args.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { helpNotes } from "./usage.ts";

// `dutylist token`: a bearer token signed with the embedded default's local key (the file the
// server creates in the data directory on first start), for GraphiQL, curl or a BI tool. A real
// deployment takes its tokens from the identity provider instead (docs/security.md).

const DEFAULT_KEY_FILE = path.join(import.meta.dirname, "..", "..", "..", ".data", "signing-key.json");

/** The local key's file: --key-file, DUTYLIST_KEY_FILE, or next to the data directory. */
function keyFileOf(io: CliIo, option: string | undefined, dataDir: string | undefined): string {
  if (option !== undefined) return path.resolve(io.cwd, option);
  if (io.env.DUTYLIST_KEY_FILE) return io.env.DUTYLIST_KEY_FILE;
  const dir = dataDir ?? io.env.DUTYLIST_DATA_DIR;
  return dir === undefined
    ? DEFAULT_KEY_FILE
    : path.join(path.dirname(path.resolve(io.cwd, dir)), "signing-key.json");
}

/** The options of `token`. */
export interface TokenOptions extends JsonOption {
  readonly role?: string;
  readonly county?: string;
  readonly township?: string;
  readonly department?: string;
  readonly name?: string;
  readonly subject?: string;
  readonly expires?: string;
  readonly keyFile?: string;
  readonly dataDir?: string;
}

/** Every role, one a line: the code to type and its name. */
const ROLE_LIST = ACCESS_ROLES.map((r) => `  ${r.padEnd(20)} ${ACCESS_ROLE_NAMES[r]}`).join("\n");

/** A role by its code (INSPECTOR) or its Chinese name (纪检监察). */
function roleOf(text: string): AccessRole | undefined {
  const trimmed = text.trim();
  const code = trimmed.toUpperCase();
  if (isAccessRole(code)) return code;
  return ACCESS_ROLES.find((r) => ACCESS_ROLE_NAMES[r] === trimmed);
}

/**
 * Prints a token for a role (`--role INSPECTOR` or `--role 纪检监察`), in a county (`--county`,
 * default QX), for a township or department user their unit (`--township`, `--department`; the
 * demo's by default).
 * @example await runToken({ role: "INSPECTOR" }, io) // 0, the token on stdout
 */
export async function runToken(values: TokenOptions, io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: values.json === true };
  const role = roleOf(values.role ?? "");
  if (role === undefined)
    return fail(output, {
      _tag: "USAGE",
      message: `--role 须为下列角色之一(编码或名称):\n${ROLE_LIST}`,
    });
  const demo = demoActor(role, values.county ?? "QX");
  const actor: Actor = {
    ...demo,
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.subject === undefined ? {} : { subject: values.subject }),
    ...(role === "TOWNSHIP" && values.township !== undefined ? { townshipCode: values.township } : {}),
    ...(role === "DEPARTMENT" && values.department !== undefined
      ? { departmentCode: values.department }
      : {}),
  };
  const keyFile = keyFileOf(io, values.keyFile, values.dataDir);
  const { key, created } = await ensureLocalSigningKey(keyFile);
  if (created) io.stderr(`已创建本地签名密钥 ${keyFile}(服务启动时使用同一密钥)\n`);
  const token = await mintToken(key, actor, { expiresIn: values.expires ?? "30d" });
  if (output.json) writeJson(io, { ok: true, actor, token });
  else io.stdout(`${token}\n`);
  return EXIT.OK;
}

/** Adds `token` to the program. */
export function registerToken(program: Command, { io, exit }: CommandContext): void {
  addJsonOption(
    program
      .command("token")
      .summary("签发本地令牌 (a bearer token signed with the local key)")
      .description(
        "用本地签名密钥(数据目录旁的 signing-key.json,服务首次启动时创建)签发一个令牌,供 GraphiQL、curl 或 BI 工具使用。\n" +
          "(A bearer token signed with the embedded default's local key, for GraphiQL, curl or a BI tool.)",
      )
      .usage(
        "--role ROLE [--county CODE] [--township CODE] [--department CODE] [--name 名称] [--subject ID] [--expires 30d] [--key-file PATH] [--json]",
      )
      .option("--role <ROLE>", "角色:编码或名称,见下 (the role: code or name, below)")
      .option("--county <CODE>", "县编码,默认示范县 QX (the county)")
      .option("--township <CODE>", "乡镇用户所在的乡镇(街道),默认城关镇 QX-CG (a township user's township)")
      .option(
        "--department <CODE>",
        "部门用户所在的部门,默认县综合行政执法局 ZHZFJ (a department user's department)",
      )
      .option("--name <名称>", "用户名称 (the user's name)")
      .option("--subject <ID>", "用户编号(令牌的 sub)(the token's subject)")
      .option("--expires <时长>", "有效期,默认 30d (lifetime)")
      .option("--key-file <PATH>", "签名密钥文件 (the signing key file)")
      .option("--data-dir <DIR>", "数据目录:密钥在它旁边 (the data directory: the key lies next to it)"),
  )
    .addHelpText(
      "after",
      helpNotes(
        `角色 (roles):\n${ROLE_LIST}\n` +
          '用法示例:curl -H "Authorization: Bearer $(pnpm -s dutylist token --role INSPECTOR)" …\n' +
          "正式部署由统一身份认证签发令牌,见 docs/security.md (a real deployment uses its identity provider).",
      ),
    )
    .action(async (options: TokenOptions) => exit(await runToken(options, io)));
}
