import {
  type ChangeLogChain,
  type ChangeLogProblem,
  changeLogHeads,
  type Database,
  verifyChangeLog,
} from "@dutylist/store";
import { parseCommand } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { type CliIo, EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { renderTable } from "./text-table.ts";

/**
 * One broken chain in a line: what happened at which seq, and the operation and actor the row
 * names as stored now (a removed row names none).
 * @example renderProblem(problem) // "县 QX 变更日志第 3 行已被改动:各列与其哈希不符(ALTERED);操作 approveAdjustment,操作人 张三(oidc:42)"
 */
export function renderProblem(p: ChangeLogProblem): string {
  const who =
    p.operation === null
      ? "该行已不在日志中"
      : `操作 ${p.operation},操作人 ${p.actorName ?? "?"}(${p.actorSubject ?? "?"})`;
  return `${p.message}(${p.problem});${who}`;
}

function renderChains(chains: readonly ChangeLogChain[]): string {
  return renderTable(
    ["县", "行数", "链头序号", "链头哈希"],
    chains.map((c) => [c.countyCode, String(c.rows), String(c.headSeq), c.headHash]),
  );
}

async function verify(db: Database, output: Output, countyCode: string | undefined): Promise<ExitCode> {
  const { io, json } = output;
  const verified = await verifyChangeLog(db, countyCode === undefined ? {} : { countyCode });
  if (!verified.ok) {
    io.stderr(`变更日志已被篡改(每个县列出第一处问题):\n${verified.errors.map(renderProblem).join("\n")}\n`);
    if (json) writeJson(io, { ok: false, problems: verified.errors });
    return EXIT.REJECTED;
  }
  const chains = verified.value;
  if (countyCode !== undefined && chains.length === 0) {
    return fail(output, { _tag: "NOT_FOUND", message: `县 ${countyCode} 没有变更日志` });
  }
  if (json) writeJson(io, { ok: true, counties: chains });
  else if (chains.length === 0) io.stdout("变更日志为空:还没有任何写入。\n");
  else {
    const rows = chains.reduce((n, c) => n + c.rows, 0);
    io.stdout(
      `变更日志完好:${chains.length} 个县,共 ${rows} 行,每行哈希与链、链头一致。\n${renderChains(chains)}\n`,
    );
  }
  return EXIT.OK;
}

async function heads(db: Database, output: Output, countyCode: string | undefined): Promise<ExitCode> {
  const { io, json } = output;
  const found = await changeLogHeads(db, countyCode === undefined ? {} : { countyCode });
  if (countyCode !== undefined && found.length === 0) {
    return fail(output, { _tag: "NOT_FOUND", message: `县 ${countyCode} 没有变更日志` });
  }
  // The moment read, printed with the heads: what an anchor elsewhere records.
  const at = new Date().toISOString();
  if (json) writeJson(io, { ok: true, at, heads: found });
  else {
    io.stdout(
      `变更日志链头(截至 ${at};请保存在数据库之外,以便日后比对):\n${renderTable(
        ["县", "序号", "哈希"],
        found.map((h) => [h.countyCode, String(h.seq), h.hash]),
      )}\n`,
    );
  }
  return EXIT.OK;
}

/**
 * `dutylist audit verify [--county CODE] [--json]`: recomputes every county's change-log chain
 * (or one county's); 0 when intact, 1 with the first altered or removed row of each broken county
 * (its seq, operation and actor) on stderr. `dutylist audit head [--county CODE] [--json]`: each
 * county's head seq and hash, to anchor outside the database.
 * @example await runAudit(["verify"], io) // 0 when every chain is intact
 */
export async function runAudit(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const output: Output = { io, json: argv.includes("--json") };
  const parsed = parseCommand(argv, {});
  if (!parsed.ok) return fail(output, parsed.errors[0]);
  const { values, positionals } = parsed.value;
  const [action, ...extra] = positionals;
  if (action !== "verify" && action !== "head") {
    return fail(output, { _tag: "USAGE", message: "用法:dutylist audit verify|head [--county CODE]" });
  }
  if (extra.length > 0) return fail(output, { _tag: "USAGE", message: `多余的参数:${extra.join(" ")}` });
  return withDatabase(io, values["data-dir"], (db) =>
    action === "verify" ? verify(db, output, values.county) : heads(db, output, values.county),
  );
}
