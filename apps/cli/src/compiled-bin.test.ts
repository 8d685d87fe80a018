import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The compiled `dutylist` (dist/dutylist.mjs, the package's bin) run as a child process, as
// `pnpm dutylist` runs it: its exit codes reach the shell unchanged (0, 2 usage, 3 not found).

const CLI_DIR = path.resolve(import.meta.dirname, "..");
const BIN = path.join(CLI_DIR, "dist", "dutylist.mjs");

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: CLI_DIR,
      // No DATABASE_URL: every run here uses its own temporary PGlite directory.
      env: { PATH: process.env.PATH ?? "", TZ: "UTC", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const dutylist = (args: readonly string[]) => node([BIN, ...args]);

let dir: string;
beforeAll(async () => {
  // Built when missing or older than its sources, as `pnpm dutylist` does before running it.
  const built = await node([path.join(CLI_DIR, "scripts", "build.mjs"), "--if-stale"]);
  expect(built.code, built.stderr).toBe(0);
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-bin-"));
});
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("the compiled dutylist", () => {
  it("prints the overview and a command's help in Chinese, exit 0", async () => {
    const overview = await dutylist(["help"]);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain("用法: dutylist <命令> [选项]");
    expect(overview.stdout).toMatch(/assess \[选项\]\s+年度考核排名/);
    expect(overview.stdout).toContain("3  不存在");
    const assess = await dutylist(["assess", "--help"]);
    expect(assess.code).toBe(0);
    expect(assess.stdout).toContain("用法: dutylist assess --year YEAR");
    expect(assess.stdout).toMatch(/--year <YEAR>\s+考核年度/);
    expect(assess.stdout).not.toMatch(/Usage:|Options:/);
  });

  it("exits 2 on an unknown command or option, in Chinese, and as one JSON document with --json", async () => {
    const command = await dutylist(["frobnicate"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("未知的命令 frobnicate");
    const option = await dutylist(["assess", "--year", "2025", "--frob"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("未知的选项 --frob");
    const json = await dutylist(["assess", "--year", "2025", "--frob", "--json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { kind: "USAGE" } });
    expect((await dutylist(["lists", "--as-of", "2025-13-01"])).code).toBe(2);
  });

  it("exits 3 for a year without a plan in an empty store, its PGlite and Prisma WASM loaded from the bundle", async () => {
    const run = await dutylist(["assess", "--year", "1999", "--data-dir", path.join(dir, "pglite")]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain("库中还没有县");
  });

  it("exits 0 with a result: a token signed with a key file of its own", async () => {
    const run = await dutylist(["token", "--role", "纪检监察", "--key-file", path.join(dir, "key.json")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split(".")).toHaveLength(3);
  });
});
