import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import {
  authConfigFromEnv,
  createTokenVerifier,
  demoActor,
  ensureLocalSigningKey,
  type LocalSigningKey,
  mintToken,
} from "@dutylist/auth";
import { ACCESS_ROLE_NAMES, ACCESS_ROLES } from "@dutylist/core";
import {
  type BiWireServer,
  refreshScoreSnapshots,
  startBiWireServer,
  tryOpenDatabase,
} from "@dutylist/store";
import { ensureDemoCounty } from "./demo-data.ts";
import { ensureDemoHotline } from "./demo-hotline.ts";
import { readEnv } from "./env.ts";
import { createApi } from "./yoga.ts";

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv(process.env);
} catch (error) {
  process.stderr.write(`无法启动服务:${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
if (env.target.kind === "PGLITE" && env.target.dataDir !== null)
  await mkdir(env.target.dataDir, { recursive: true });
const opened = await tryOpenDatabase(env.target);
if (!opened.ok) {
  // Another process holds the PGlite directory (a CLI import?), or a migration is half-applied.
  process.stderr.write(`无法启动服务:${opened.errors[0].message}\n`);
  process.exit(1);
}
const db = opened.value;
const loaded = await ensureDemoCounty(db);
// The demo county's 12345 vocabulary, its orders dispatched and its 2026 whistle loop (H1, H2).
await ensureDemoHotline(db);
// BI: the scores as computed, stored for SQL (township_score_fact…), kept up to date (docs/bi.md).
await refreshSnapshots();
const snapshots = keepScoreSnapshots(env.scoreSnapshotSeconds);
const bi = await startSqlPort();
// Tokens: an identity provider's (DUTYLIST_JWKS_URL, DUTYLIST_JWT_PUBLIC_KEY), or the local key in
// the data directory, created on first start (docs/security.md).
let local: { key: LocalSigningKey; created: boolean } | null = null;
if (!env.externalIdentity) local = await ensureLocalSigningKey(env.keyFile);
const verifier = await createTokenVerifier(authConfigFromEnv(process.env, local?.key ?? null));
const server = createServer(createApi(db, { verifier, corsOrigins: env.corsOrigins }));
server.on("error", async (error: NodeJS.ErrnoException) => {
  process.stderr.write(
    error.code === "EADDRINUSE"
      ? `端口 ${env.port} 已被占用(另一个实例仍在运行?):设置 PORT=… 换一个端口\n`
      : `无法启动服务:${error.message}\n`,
  );
  await db.close();
  process.exit(1);
});
server.listen(env.port, env.host, () => {
  const where = env.target.kind === "PGLITE" ? `PGlite ${env.target.dataDir ?? "(memory)"}` : "PostgreSQL";
  process.stdout.write(
    `数据库:${where}${loaded ? ",已载入示范县 青溪县" : ""}\nGraphQL: http://${env.host}:${env.port}/graphql\n\n` +
      `示例查询:\n  { county(code: "QX") { name townships(first: 5) { totalCount edges { node { code name } } } } }\n` +
      (bi === null
        ? ""
        : `\nSQL(BI 工具只读,视图见 docs/bi.md):postgresql://bi@${bi.host}:${bi.port}/postgres\n` +
          `  psql -h ${bi.host} -p ${bi.port} -U bi postgres -c "SELECT * FROM township_score_fact"\n`),
  );
  if (local !== null) void printDemoTokens(local.key, local.created);
});
const stop = async () => {
  server.close();
  clearInterval(snapshots);
  await bi?.close();
  await db.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/**
 * Brings the score snapshots up to date; a failure (another API process on the same PostgreSQL
 * storing the same snapshot at the same moment) is reported and retried at the next refresh.
 */
async function refreshSnapshots(): Promise<void> {
  try {
    await refreshScoreSnapshots(db);
  } catch (error) {
    process.stderr.write(`评分快照更新失败:${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Brings the score snapshots up to date every `seconds` (0: never), one refresh at a time. */
function keepScoreSnapshots(seconds: number): NodeJS.Timeout | undefined {
  if (seconds <= 0) return undefined;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    await refreshSnapshots();
    running = false;
  }, seconds * 1000);
  timer.unref();
  return timer;
}

/**
 * The embedded database over the PostgreSQL wire protocol for BI tools (DUTYLIST_SQL_PORT), or
 * null: not wanted, on a PostgreSQL server (BI tools connect to it), or the port is taken (the API
 * still starts).
 */
async function startSqlPort(): Promise<BiWireServer | null> {
  if (env.sql === null || env.target.kind !== "PGLITE") return null;
  try {
    return await startBiWireServer(db, env.sql);
  } catch (error) {
    const taken = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    process.stderr.write(
      taken
        ? `SQL 端口 ${env.sql.port} 已被占用:BI 工具的 SQL 端口未启动(设置 DUTYLIST_SQL_PORT=… 换一个端口,或 off)\n`
        : `SQL 端口未启动:${error instanceof Error ? error.message : String(error)}\n`,
    );
    return null;
  }
}

/** One ready token per role of the demo county, for GraphiQL's headers or curl (30 days). */
async function printDemoTokens(key: LocalSigningKey, created: boolean): Promise<void> {
  const lines = [
    `\n${created ? `已创建本地签名密钥 ${env.keyFile}。` : ""}示范县各角色的令牌(30 天有效;在 GraphiQL 的 Headers 中填写 {"Authorization": "Bearer <令牌>"};另见 pnpm dutylist token --role …):`,
  ];
  for (const role of ACCESS_ROLES) {
    const actor = demoActor(role);
    lines.push(`  ${role}(${ACCESS_ROLE_NAMES[role]},${actor.name}):\n    ${await mintToken(key, actor)}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
