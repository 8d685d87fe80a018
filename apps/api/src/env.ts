import path from "node:path";
import { type DatabaseTarget, targetFromEnv } from "@dutylist/store";

/** Settings from the environment, with the embedded defaults a newcomer needs. */
export interface ApiEnv {
  readonly host: string;
  readonly port: number;
  readonly target: DatabaseTarget;
}

export function readEnv(env: NodeJS.ProcessEnv): ApiEnv {
  const dataDir =
    env.DUTYLIST_DATA_DIR ?? path.join(import.meta.dirname, "..", "..", "..", ".data", "pglite");
  return {
    host: env.HOST ?? "127.0.0.1",
    port: Number(env.PORT ?? 4000),
    target: targetFromEnv(env, dataDir),
  };
}
