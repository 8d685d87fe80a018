import path from "node:path";
import { type DatabaseTarget, targetFromEnv } from "@dutylist/store";

/** Settings from the environment, with the embedded defaults a newcomer needs. */
export interface ApiEnv {
  readonly host: string;
  readonly port: number;
  readonly target: DatabaseTarget;
  /** The local signing key's file (the embedded default; unused with DUTYLIST_JWKS_URL or DUTYLIST_JWT_PUBLIC_KEY). */
  readonly keyFile: string;
  /** Browser origins allowed besides the API's own: DUTYLIST_CORS_ORIGINS, comma-separated. */
  readonly corsOrigins: readonly string[];
  /** Whether tokens come from outside (an identity provider's JWKS or a public key). */
  readonly externalIdentity: boolean;
  /**
   * The embedded database over the PostgreSQL wire protocol for BI tools (docs/bi.md):
   * DUTYLIST_SQL_PORT (default 5433; `0` or `off`: not served) on DUTYLIST_SQL_HOST (default
   * 127.0.0.1: there is no password). Null when not served.
   */
  readonly sql: { readonly host: string; readonly port: number } | null;
  /** How often stored score snapshots are brought up to date (DUTYLIST_SCORE_SNAPSHOT_SECONDS, default 60; 0: at start only). */
  readonly scoreSnapshotSeconds: number;
}

/** The BI wire port: a number, or null for `0` / `off`; anything else is refused. */
function sqlPort(value: string | undefined): number | null {
  const text = (value ?? "5433").trim().toLowerCase();
  if (text === "0" || text === "off") return null;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`DUTYLIST_SQL_PORT=${value}: 应为 1–65535 的端口号,或 0 / off(不提供 SQL 端口)`);
  return port;
}

export function readEnv(env: NodeJS.ProcessEnv): ApiEnv {
  const dataDir =
    env.DUTYLIST_DATA_DIR ?? path.join(import.meta.dirname, "..", "..", "..", ".data", "pglite");
  const bi = sqlPort(env.DUTYLIST_SQL_PORT);
  return {
    keyFile: env.DUTYLIST_KEY_FILE ?? path.join(path.dirname(dataDir), "signing-key.json"),
    corsOrigins: (env.DUTYLIST_CORS_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
    externalIdentity: Boolean(env.DUTYLIST_JWKS_URL || env.DUTYLIST_JWT_PUBLIC_KEY),
    host: env.HOST ?? "127.0.0.1",
    port: Number(env.PORT ?? 4000),
    target: targetFromEnv(env, dataDir),
    sql: bi === null ? null : { host: env.DUTYLIST_SQL_HOST ?? "127.0.0.1", port: bi },
    scoreSnapshotSeconds: Math.max(0, Number(env.DUTYLIST_SCORE_SNAPSHOT_SECONDS ?? 60) || 0),
  };
}
