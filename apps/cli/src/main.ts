#!/usr/bin/env node
// The process entry of `dutylist`: compiled to dist/dutylist.mjs (scripts/build.mjs), which the
// package's `bin` and the root `pnpm dutylist` run with node; `tsx src/main.ts` runs it unbuilt.
import { run } from "./cli.ts";
import { invocationDirectory } from "./cli-io.ts";

// Output piped into a reader that stops early (`| head`): stop quietly, as other tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: invocationDirectory(process.env, process.cwd()),
  env: process.env,
});
