import {
  type ChangeLogChain,
  type ChangeLogProblem,
  changeLogHeads,
  type Database,
  verifyChangeLog,
} from "@dutylist/store";
import type { Command } from "commander";
import { addStoreOptions, type CommandContext, type StoreOptions } from "./cli-args.ts";
import { withDatabase } from "./cli-database.ts";
import { EXIT, type ExitCode, fail, type Output, writeJson } from "./cli-io.ts";
import { renderTable } from "./text-table.ts";
import { helpNotes } from "./usage.ts";

/**
 * One broken chain in a line: what happened at which seq, and the operation and actor the row
 * names as stored now (a removed row names none).
 * @example renderProblem(problem) // "县 QX 变更日志第 3 行已被改动:各列与其哈希不符;操作 approveAdjustment,操作人 张三(oidc:42)"
 */
export function renderProblem(p: ChangeLogProblem): string {
  const who =
    p.operation === null
      ? "该行已不在日志中"
      : `操作 ${p.operation},操作人 ${p.actorName ?? "?"}(${p.actorSubject ?? "?"})`;
  return `${p.message};${who}`;
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

const LOG_NOTE =
  "变更日志:每次写入(导入、API 的变更、发布)都在该县的日志中追加一行:操作人、角色、操作、参数摘要、写入的编号和时间,\n" +
  "每行的哈希链住前一行。(Every write appends a row to its county's log, each row hashing the one before.)";

/**
 * `dutylist audit verify [--county CODE] [--json]`: recomputes every county's change-log chain
 * (or one county's); 0 when intact, 1 with the first altered or removed row of each broken county
 * (its seq, operation and actor) on stderr. `dutylist audit head [--county CODE] [--json]`: each
 * county's head seq and hash, to anchor outside the database.
 */
export function registerAudit(program: Command, { io, exit }: CommandContext): void {
  const audit = program
    .command("audit")
    .summary("校验变更日志、打印链头 (verify the change log; print its heads)")
    .description(LOG_NOTE)
    .usage("verify|head [--county CODE] [--json]")
    .helpCommand("help [命令]", "显示子命令的帮助 (help for a subcommand)");
  addStoreOptions(
    audit
      .command("verify")
      .description(
        "重算每个县的哈希链:完好则退出码 0;否则逐县列出第一处被改动或删除的行(序号、操作、操作人),退出码 1。\n" +
          "(Recompute every chain: 0 when intact; else the first altered or removed row per county, exit 1.)\n" +
          "--county 只查一个县(默认全部县)(one county; default: every county).",
      ),
  )
    .addHelpText("after", helpNotes(LOG_NOTE))
    .action(async (options: StoreOptions) => {
      const output: Output = { io, json: options.json === true };
      exit(await withDatabase(io, options.dataDir, (db) => verify(db, output, options.county)));
    });
  addStoreOptions(
    audit
      .command("head")
      .description(
        "每个县的链头(最后一行的序号和哈希):保存在数据库之外,日后比对可发现整条链被重写。\n" +
          "(Each county's head seq and hash: keep it outside the database; comparing later finds a chain rewritten whole.)",
      ),
  )
    .addHelpText("after", helpNotes(LOG_NOTE))
    .action(async (options: StoreOptions) => {
      const output: Output = { io, json: options.json === true };
      exit(await withDatabase(io, options.dataDir, (db) => heads(db, output, options.county)));
    });
}
