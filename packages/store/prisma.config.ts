// Configuration of the Prisma CLI (generate, migrate diff/deploy/status). The CLI runs offline
// through driver adapters and Prisma's WASM schema engine (docs/toolchain.md): PGlite in
// DUTYLIST_DATA_DIR (default: in memory) or, with DATABASE_URL, PostgreSQL.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

const root = path.join(import.meta.dirname, "..", "..");

// The CLI calls the factory more than once per command; opening a PGlite directory twice in one
// process corrupts it, so the adapter is created once.
let adapter: Promise<PrismaPGlite | PrismaPg> | undefined;

function createAdapter(): Promise<PrismaPGlite | PrismaPg> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres")) {
    return Promise.resolve(new PrismaPg({ connectionString: url, allowExitOnIdle: true }));
  }
  const dataDir = process.env.DUTYLIST_DATA_DIR;
  return Promise.resolve(new PrismaPGlite(new PGlite(dataDir === undefined ? "memory://" : dataDir)));
}

// PGlite and the WASM engine re-arm long timers the CLI never clears; unref them so it exits.
const setTimeoutOriginal = globalThis.setTimeout as (
  h: () => void,
  ms?: number,
  ...a: unknown[]
) => NodeJS.Timeout;
globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  adapter: () => {
    adapter ??= createAdapter();
    return adapter;
  },
});
