#!/usr/bin/env -S node --import tsx
import { runDemo } from "./demo.ts";

const USAGE = `用法: dutylist <command>

commands:
  demo    示范县的清单、责任认定和临时任务台账 (the demo county: lists, determinations, ledger)
  help    this text
`;

function main(argv: readonly string[]): number {
  const [command] = argv;
  const write = (text: string) => process.stdout.write(text);
  switch (command) {
    case "demo":
      return runDemo(write);
    case undefined:
    case "help":
    case "--help":
      write(USAGE);
      return 0;
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
