import path from "node:path";
import { demoActor, ensureLocalSigningKey, mintToken } from "@dutylist/auth";
import { ACCESS_ROLE_NAMES, ACCESS_ROLES, type Actor, isAccessRole } from "@dutylist/core";
import { parseCommand } from "./cli-args.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";

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

/**
 * Prints a token for a role (`--role INSPECTOR`), in a county (`--county`, default QX), for a
 * township or department user their unit (`--township`, `--department`; the demo's by default).
 * @example await runToken(["--role", "INSPECTOR"], io) // 0, the token on stdout
 */
export async function runToken(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, {
    role: { type: "string" },
    township: { type: "string" },
    department: { type: "string" },
    name: { type: "string" },
    subject: { type: "string" },
    expires: { type: "string" },
    "key-file": { type: "string" },
  });
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values } = parsed.value;
  const role = values.role ?? "";
  if (!isAccessRole(role))
    return fail(output, {
      _tag: "USAGE",
      message: `--role 须为 ${ACCESS_ROLES.map((r) => `${r}(${ACCESS_ROLE_NAMES[r]})`).join("、")} 之一`,
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
  const keyFile = keyFileOf(io, values["key-file"], values["data-dir"]);
  const { key, created } = await ensureLocalSigningKey(keyFile);
  if (created) io.stderr(`已创建本地签名密钥 ${keyFile}(服务启动时使用同一密钥)\n`);
  const token = await mintToken(key, actor, { expiresIn: values.expires ?? "30d" });
  if (output.json) writeJson(io, { ok: true, actor, token });
  else io.stdout(`${token}\n`);
  return EXIT.OK;
}
