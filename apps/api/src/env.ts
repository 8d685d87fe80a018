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
}

export function readEnv(env: NodeJS.ProcessEnv): ApiEnv {
  const dataDir =
    env.DUTYLIST_DATA_DIR ?? path.join(import.meta.dirname, "..", "..", "..", ".data", "pglite");
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
  };
}
