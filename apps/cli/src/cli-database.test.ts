import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@dutylist/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "./cli-io.ts";

const MAIN = path.join(import.meta.dirname, "main.ts");

/** The real CLI in a process of its own, as a county clerk runs it. */
function runCliProcess(
  argv: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...argv], {
      cwd: path.join(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-cli-lock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the CLI on a PGlite directory another process holds (finding 1)", () => {
  it("exits 5 naming the holder's pid and what to do, with no stack trace; works once it is closed", async () => {
    const dataDir = path.join(dir, "pglite");
    // This test process stands for the `pnpm start` server holding the directory.
    const server = await openDatabase({ kind: "PGLITE", dataDir });
    let refused: Awaited<ReturnType<typeof runCliProcess>>;
    try {
      refused = await runCliProcess(["lists", "--data-dir", dataDir, "--as-of", "2025-10-01"]);
    } finally {
      await server.close();
    }
    expect(refused.code).toBe(EXIT.LOCKED);
    expect(refused.stderr).toContain(`进程号 ${process.pid}`);
    expect(refused.stderr).toContain("pnpm start");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const after = await runCliProcess(["lists", "--data-dir", dataDir, "--as-of", "2025-10-01"]);
    expect(after.code).not.toBe(EXIT.LOCKED);
    expect(after.stderr).not.toContain("进程号");
  });
});
