import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, tryOpenDatabase } from "./database.ts";
import { lockPathOf } from "./database-lock.ts";

const PACKAGE = path.join(import.meta.dirname, "..");
const HOLDER = path.join(import.meta.dirname, "database-holder.fixture.ts");

/** Starts a real second process holding `dataDir`; resolves once it has opened it. */
async function startHolder(dataDir: string): Promise<ChildProcessWithoutNullStreams> {
  // node itself (not the tsx launcher, which runs a child of its own): its pid is the holder's.
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dataDir], {
    stdio: "pipe",
    cwd: PACKAGE,
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("READY")) resolve();
      if (out.includes("LOCKED")) reject(new Error(out));
    });
    child.on("exit", (code) => reject(new Error(`holder exited ${code}: ${out}`)));
  });
  return child;
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on("exit", () => resolve());
  });
}

let dir: string;
let dataDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-lock-"));
  dataDir = path.join(dir, "pglite");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("one writer per PGlite directory (finding 1), with two real processes", () => {
  it("refuses a second process naming the holder's pid and command; after a clean exit, opening works and the lock is gone", async () => {
    const child = await startHolder(dataDir);
    const refused = await tryOpenDatabase({ kind: "PGLITE", dataDir });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      const problem = refused.errors[0];
      expect(problem._tag).toBe("STORE_LOCKED");
      if (problem._tag === "STORE_LOCKED") expect(problem.holder.pid).toBe(child.pid);
      expect(problem.message).toContain(`进程号 ${child.pid}`);
      expect(problem.message).toContain("database-holder.fixture.ts");
      expect(problem.message).toContain("pnpm start");
      expect(problem.message).toContain("GraphQL API");
    }
    // The throwing entry refuses too, with the same words.
    await expect(openDatabase({ kind: "PGLITE", dataDir })).rejects.toThrow(`进程号 ${child.pid}`);
    child.stdin.end();
    await exited(child);
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
    const db = await openDatabase({ kind: "PGLITE", dataDir });
    const lock = JSON.parse(await readFile(lockPathOf(dataDir), "utf8")) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await db.close();
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });

  it("takes over the lock of a holder killed with SIGKILL", async () => {
    const child = await startHolder(dataDir);
    child.kill("SIGKILL");
    await exited(child);
    // The dead holder's file is still there; it names a pid no longer alive.
    const stale = JSON.parse(await readFile(lockPathOf(dataDir), "utf8")) as { pid: number };
    expect(stale.pid).toBe(child.pid);
    const db = await openDatabase({ kind: "PGLITE", dataDir });
    expect(await db.read("SELECT count(*)::int AS n FROM county", [])).toEqual([{ n: 0 }]);
    await db.close();
  });

  it("does not take a reused pid for the holder: a lock whose process started at another time is stale", async () => {
    await writeFile(
      lockPathOf(dataDir),
      JSON.stringify({
        pid: process.pid,
        command: "node old",
        startedAt: "",
        hostname: hostname(),
        bootTicks: "1",
      }),
    );
    const db = await openDatabase({ kind: "PGLITE", dataDir });
    await db.close();
  });

  it("takes over a damaged lock naming no holder", async () => {
    await writeFile(lockPathOf(dataDir), "");
    const db = await openDatabase({ kind: "PGLITE", dataDir });
    const lock = JSON.parse(await readFile(lockPathOf(dataDir), "utf8")) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await db.close();
  });

  it("refuses a second open of the directory in the same process", async () => {
    const db = await openDatabase({ kind: "PGLITE", dataDir });
    try {
      const again = await tryOpenDatabase({ kind: "PGLITE", dataDir });
      expect(again).toMatchObject({
        ok: false,
        errors: [{ _tag: "STORE_LOCKED", holder: { pid: process.pid } }],
      });
    } finally {
      await db.close();
    }
  });
});
