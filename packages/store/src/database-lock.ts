import { readFileSync, unlinkSync } from "node:fs";
import { link, open, readFile, rename, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { err, ok, type Result } from "@dutylist/core";

/** Who holds an embedded database directory: written into its lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  readonly hostname: string;
  /** The process's start in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  readonly bootTicks: string | null;
}

/** The refusal to open a directory another live process holds. */
export interface StoreLocked {
  readonly _tag: "STORE_LOCKED";
  readonly target: string;
  readonly holder: LockHolder;
  readonly message: string;
}

/** A held lock: `release` removes the file (only if it is still this process's). */
export interface DatabaseLock {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * The lock file of a PGlite data directory: beside it (`<dir>.lock`), not inside, so PGlite's
 * first start sees an empty directory and the file survives neither a copy nor a dump of the data.
 * @example lockPathOf("/repo/.data/pglite") // "/repo/.data/pglite.lock"
 */
export function lockPathOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** Field 22 of `/proc/<pid>/stat` (after the parenthesised command, which may hold spaces). */
function bootTicksOf(pid: number | "self"): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function holderOfThisProcess(): LockHolder {
  return {
    pid: process.pid,
    command: [path.basename(process.argv0), ...process.argv.slice(1)].join(" "),
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    bootTicks: bootTicksOf("self"),
  };
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || !Number.isInteger(value.pid)) return null;
    return {
      pid: value.pid,
      command: typeof value.command === "string" ? value.command : "",
      startedAt: typeof value.startedAt === "string" ? value.startedAt : "",
      hostname: typeof value.hostname === "string" ? value.hostname : "",
      bootTicks: typeof value.bootTicks === "string" ? value.bootTicks : null,
    };
  } catch {
    return null;
  }
}

/** Whether the process that wrote `holder` still runs (on another host: assumed so). */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: a process of another user has this pid, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // The pid may have been reused after a kill -9: on Linux, the process running it must have
  // started when the holder did.
  if (holder.bootTicks === null) return true;
  const now = bootTicksOf(holder.pid);
  return now === null || now === holder.bootTicks;
}

function lockedMessage(dataDir: string, holder: LockHolder): string {
  return (
    `数据目录 ${dataDir} 正被另一个进程使用(进程号 ${holder.pid},命令:${holder.command},` +
    `自 ${holder.startedAt} 起)。PGlite 只允许一个进程写入:请先停止该进程(如 pnpm start 启动的服务),` +
    "或通过正在运行的服务的 GraphQL API 操作。"
  );
}

/**
 * Creates the lock file whole or not at all: written under a name of this process's own, then
 * hard-linked to the lock's name (which fails when it exists), so no reader ever sees a lock
 * without its holder.
 */
async function tryCreate(lockPath: string, holder: LockHolder): Promise<boolean> {
  const mine = `${lockPath}.${process.pid}.tmp`;
  const handle = await open(mine, "w");
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(mine, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

async function readHolder(lockPath: string): Promise<{ text: string; holder: LockHolder | null } | null> {
  try {
    const text = await readFile(lockPath, "utf8");
    return { text, holder: parseHolder(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Moves a dead holder's lock aside, atomically: of two processes taking it over at once only one
 * renames the file it judged; the other finds another file (or none) and looks again.
 */
async function removeStale(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = await readFile(aside, "utf8");
  if (moved !== staleText) {
    // Another process took the lock over between our read and our rename: give it back.
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * Takes the one-writer lock of a PGlite data directory (finding 1): an exclusive create of
 * `<dir>.lock` (by a hard link, atomic) holding this process's pid, command, start time and host. A live holder (this
 * process included: one directory opened twice in a process corrupts it) is a `STORE_LOCKED`
 * refusal naming it; a lock left by a dead process is taken over.
 * @example const lock = await acquireDatabaseLock(".data/pglite"); if (lock.ok) await lock.value.release()
 */
export async function acquireDatabaseLock(dataDir: string): Promise<Result<DatabaseLock, StoreLocked>> {
  const lockPath = lockPathOf(dataDir);
  const holder = holderOfThisProcess();
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await tryCreate(lockPath, holder)) return ok(heldLock(lockPath, holder));
    const found = await readHolder(lockPath);
    if (found === null) continue;
    // Locks appear whole (`tryCreate`): one naming no holder is damaged, and taken over.
    if (found.holder !== null && isAlive(found.holder)) {
      return err({
        _tag: "STORE_LOCKED",
        target: lockPath,
        holder: found.holder,
        message: lockedMessage(path.resolve(dataDir), found.holder),
      });
    }
    await removeStale(lockPath, found.text);
  }
  throw new Error(`store: could not take the lock ${lockPath} after 10 attempts`);
}

function heldLock(lockPath: string, holder: LockHolder): DatabaseLock {
  const mine = `${JSON.stringify(holder)}\n`;
  // A process that exits without closing (process.exit in a signal handler) leaves no lock behind.
  const onExit = () => {
    try {
      // Synchronous: an `exit` listener cannot wait.
      if (readFileSync(lockPath, "utf8") === mine) unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
  process.on("exit", onExit);
  let released = false;
  return {
    path: lockPath,
    release: async () => {
      if (released) return;
      released = true;
      process.off("exit", onExit);
      const found = await readHolder(lockPath);
      if (found?.text === mine) await unlink(lockPath).catch(() => undefined);
    },
  };
}
