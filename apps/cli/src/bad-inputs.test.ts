import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeManyIssues, writeWideSheet } from "../test/bad-inputs/corpus-files.ts";
import type { CorpusCase } from "../test/bad-inputs/make-corpus.ts";
import { runCli } from "./test-io.ts";

// The bad-input corpus (apps/cli/test/bad-inputs, see its manifest.json) through the real import
// command, into a database holding the demo county: each file ends with its exit code, a message
// naming where the problem is, and not one row of any table changed.

const CORPUS = path.join(import.meta.dirname, "..", "test", "bad-inputs");
const MANIFEST: readonly CorpusCase[] = JSON.parse(readFileSync(path.join(CORPUS, "manifest.json"), "utf8"));

let db: Database;
let dir: string;
let before: string;

/** Every application table's row count and an md5 of its rows: what "nothing written" means. */
async function digest(): Promise<string> {
  const tables = await db.read(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
    [],
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await db.read(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${String(name)}" t`,
      [],
    );
    parts.push(`${String(name)}:${String(row?.n)}:${String(row?.h)}`);
  }
  return parts.join("\n");
}

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("cli_bad_inputs"));
  await resetDatabase(db);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-bad-inputs-"));
  expect((await runCli(db, ["sample", "--out", "sample.xlsx"], { cwd: dir })).code).toBe(0);
  expect((await runCli(db, ["import", "sample.xlsx"], { cwd: dir })).code).toBe(0);
  before = await digest();
  expect(before).toMatch(/^list_entry:[1-9]/m);
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the bad-input corpus", () => {
  it("has at least 40 cases, each file present", () => {
    expect(MANIFEST.length).toBeGreaterThanOrEqual(40);
    for (const entry of MANIFEST) expect(existsSync(path.join(CORPUS, entry.file)), entry.file).toBe(true);
  });

  it.each(MANIFEST.map((entry) => [entry.file, entry] as const))("%s", async (_, entry) => {
    const run = await runCli(db, ["import", entry.file, "--county", "QX"], { cwd: CORPUS });
    expect(run.stderr).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    for (const fragment of entry.message) expect(run.stderr).toContain(fragment);
    expect(run.code).toBe(entry.exit);
    expect(run.stderr).not.toContain("已写入数据库");
    expect(await digest()).toBe(before);
  });
});

describe("large bad inputs (generated here, not committed)", () => {
  it("refuses one cell in column XFD on 60,000 rows at its first row, in bounded memory", async () => {
    const file = path.join(dir, "xfd.xlsx");
    await writeWideSheet(file, 60_000);
    const rss = process.memoryUsage().rss;
    const run = await runCli(db, ["import", file, "--county", "QX"]);
    expect(run.stderr).toContain(
      "xfd.xlsx 基本履职事项 第2行 XFD列:单元格超出每个工作表 200 列(GR 列)的上限",
    );
    expect(run.code).toBe(1);
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
    expect(await digest()).toBe(before);
  });

  it("prints at most 20 issues of one code and counts the rest", async () => {
    const file = path.join(dir, "many-issues.xlsx");
    await writeManyIssues(file, 3_000);
    const run = await runCli(db, ["import", file, "--county", "QX"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n");
    // Issues printed one to a line (the counted rest is summed up in lines starting with …).
    const printed = lines.filter((line) => !line.startsWith("…"));
    expect(
      printed.filter((line) => line.includes("不能为空") || line.includes("必填")).length,
    ).toBeLessThanOrEqual(20);
    expect(lines.length).toBeLessThan(200);
    expect(run.stderr).toMatch(/…及另外 [\d,]+ 条同类问题\(必填项为空\)/);
    expect(run.stderr).toMatch(/共 1[12],\d{3} 个问题/);
    expect(await digest()).toBe(before);
  });

  it("refuses a CSV past 1,000,000 rows, naming the first row past the cap", async () => {
    const folder = path.join(dir, "million");
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    await writeFile(path.join(folder, "基本履职事项.csv"), "序号\n".concat("1\n".repeat(1_000_001)));
    const run = await runCli(db, ["import", folder, "--county", "QX"]);
    expect(run.stderr).toContain(
      "基本履职事项.csv 基本履职事项 第1000001行:超过每个工作表 1,000,000 行的上限",
    );
    expect(run.code).toBe(1);
    expect(await digest()).toBe(before);
  });
});

describe("exports cut down or emptied (made here from the stored county)", () => {
  it("refuses an export folder whose 基本履职事项.csv was cut to its header row, printing the removals, until confirmed", async () => {
    const folder = path.join(dir, "emptied-basic");
    await rm(folder, { recursive: true, force: true });
    const exported = await runCli(db, ["export", "lists", "--as-of", "2025-12-31", "--out", folder]);
    expect(exported.code).toBe(0);
    const basic = path.join(folder, "基本履职事项.csv");
    const [header] = readFileSync(basic, "utf8").split(/\r?\n/);
    await writeFile(basic, `${header ?? ""}\r\n`);
    const run = await runCli(db, ["import", folder, "--county", "QX"]);
    expect(run.stderr).toContain("--confirm-removals");
    expect(run.stderr).toMatch(/城关镇|QX-CG/);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("已写入数据库");
    expect(await digest()).toBe(before);
  });
});
