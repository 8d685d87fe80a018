#!/usr/bin/env -S node --import tsx
import { run } from "./cli.ts";
import { invocationDirectory } from "./cli-io.ts";

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: invocationDirectory(process.env, process.cwd()),
  env: process.env,
});
