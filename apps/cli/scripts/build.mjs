#!/usr/bin/env node
// Compiles the CLI once to dist/dutylist.mjs, so that a command starts in a fraction of a second
// instead of compiling TypeScript on every run (tsx), and `node dist/dutylist.mjs` ends with the
// command's own exit code.
//
// esbuild bundles src/main.ts with the workspace packages it imports (they export their
// TypeScript sources). npm packages are not bundled: each import of one is resolved here, from
// the importing file as Node would, and written as a relative path to the file pnpm installed, so
// their WASM and data files (PGlite, Prisma's query compiler, jieba) load from where they are.
// `import.meta.dirname` / `import.meta.url` in workspace sources are rewritten to name the source
// file's own directory, so paths such as prisma/migrations or .data/pglite stay what they were.
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when dist is missing or older than an input
//                                      (the sources it was built from, the lockfile, this script)
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CLI_DIR = path.resolve(import.meta.dirname, "..");
const REPO_ROOT = path.resolve(CLI_DIR, "..", "..");
const OUT_DIR = path.join(CLI_DIR, "dist");
const OUT_FILE = path.join(OUT_DIR, "dutylist.mjs");
const META_FILE = path.join(OUT_DIR, "inputs.json");
const SELF = fileURLToPath(import.meta.url);
const LOCKFILE = path.join(REPO_ROOT, "pnpm-lock.yaml");

/** esbuild, a devDependency of the CLI (the same version tsx runs on). */
function loadEsbuild() {
  return createRequire(path.join(CLI_DIR, "package.json"))("esbuild");
}

function posix(file) {
  return file.split(path.sep).join("/");
}

function relativeFromOut(file) {
  const relative = posix(path.relative(OUT_DIR, file));
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const inNodeModules = (file) => file.split(path.sep).includes("node_modules");

/** npm packages stay external, imported by a relative path to their installed file. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === "resolving" || isBuiltin(args.path)) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (!inNodeModules(resolved.path)) return resolved; // a workspace package: bundled
      return { path: relativeFromOut(resolved.path), external: true };
    });
  },
};

/** `import.meta` in a bundled source means its own file, not dist/dutylist.mjs. */
const sourceLocation = {
  name: "source-location",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (inNodeModules(args.path)) return undefined;
      let contents = await readFile(args.path, "utf8");
      if (contents.includes("import.meta.")) {
        const dir = JSON.stringify(posix(path.relative(OUT_DIR, path.dirname(args.path))) || ".");
        const file = JSON.stringify(relativeFromOut(args.path));
        contents = contents
          .replaceAll("import.meta.dirname", `__sourceDir(${dir})`)
          .replaceAll("import.meta.filename", `__sourceFile(${file})`)
          .replaceAll("import.meta.url", `__sourceUrl(${file})`);
      }
      return { contents, loader: "ts" };
    });
  },
};

const BANNER = [
  'import __sourcePath from "node:path";',
  'import { fileURLToPath as __fileURLToPath } from "node:url";',
  "const __bundleDir = __sourcePath.dirname(__fileURLToPath(import.meta.url));",
  "const __sourceDir = (relative) => __sourcePath.resolve(__bundleDir, relative);",
  "const __sourceFile = (relative) => __sourcePath.resolve(__bundleDir, relative);",
  "const __sourceUrl = (relative) => new URL(relative, import.meta.url).href;",
].join("\n");

/**
 * Builds dist/dutylist.mjs (and its source map and input list); written to temporary files and
 * renamed, so a command started meanwhile runs the old bundle or the new one, never half of one.
 */
export async function buildCli() {
  const esbuild = loadEsbuild();
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(CLI_DIR, "src", "main.ts")],
    outfile: OUT_FILE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Node's conditions only, so an external import names the file Node itself would load.
    conditions: ["node"],
    mainFields: ["main"],
    banner: { js: BANNER },
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [externalPackages, sourceLocation],
  });
  await mkdir(OUT_DIR, { recursive: true });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !inNodeModules(file));
  const files = [
    ...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    { path: META_FILE, contents: JSON.stringify({ inputs }, null, 1) },
  ];
  // The bundle executable (its `#!/usr/bin/env node` line), as the package's bin.
  for (const f of files)
    await writeFile(`${f.path}.${process.pid}.tmp`, f.contents, {
      mode: f.path === OUT_FILE ? 0o755 : 0o644,
    });
  // The bundle last: its time stamp is what --if-stale compares.
  const ordered = [...files.filter((f) => f.path !== OUT_FILE), ...files.filter((f) => f.path === OUT_FILE)];
  for (const f of ordered) await rename(`${f.path}.${process.pid}.tmp`, f.path);
  return { file: OUT_FILE, inputs: inputs.length, milliseconds: Date.now() - started };
}

/**
 * Why dist/dutylist.mjs must be rebuilt, or null when it is up to date: missing, or older than
 * one of the sources it was built from, the lockfile or this script.
 */
export function staleReason() {
  if (!existsSync(OUT_FILE) || !existsSync(META_FILE)) return "尚未编译";
  const built = statSync(OUT_FILE).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(META_FILE, "utf8")).inputs;
  } catch {
    return "编译记录损坏";
  }
  for (const file of [...inputs.map((f) => path.join(REPO_ROOT, f)), LOCKFILE, SELF]) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined) return `${posix(path.relative(REPO_ROOT, file))} 已不存在`;
    if (stats.mtimeMs > built) return `${posix(path.relative(REPO_ROOT, file))} 有改动`;
  }
  return null;
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const ifStale = process.argv.includes("--if-stale");
  const reason = ifStale ? staleReason() : "build";
  if (reason !== null) {
    // stderr only: stdout belongs to the command that runs next (its --json document).
    if (ifStale) process.stderr.write(`dutylist:编译命令行(${reason})…\n`);
    const built = await buildCli();
    process.stderr.write(
      `dutylist:已编译 ${posix(path.relative(REPO_ROOT, built.file))}(${built.inputs} 个源文件,${(built.milliseconds / 1000).toFixed(1)} 秒)\n`,
    );
  }
}
