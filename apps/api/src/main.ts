import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import { tryOpenDatabase } from "@dutylist/store";
import { ensureDemoCounty } from "./demo-data.ts";
import { readEnv } from "./env.ts";
import { createApi } from "./yoga.ts";

const env = readEnv(process.env);
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
const server = createServer(createApi(db));
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
      `示例查询:\n  { county(code: "QX") { name townships(first: 5) { totalCount edges { node { code name } } } } }\n`,
  );
});
const stop = async () => {
  server.close();
  await db.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
