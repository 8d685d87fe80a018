#!/usr/bin/env node
// The process entry of `dutylist`: compiled to dist/dutylist.mjs (scripts/build.mjs), which the
// package's `bin` and the root `pnpm dutylist` run with node; `tsx src/main.ts` runs it unbuilt.
import { run } from "./cli.ts";
import { invocationDirectory } from "./cli-io.ts";

// Stack traces of an unexpected failure (exit 4) name the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: invocationDirectory(process.env, process.cwd()),
  env: process.env,
});
