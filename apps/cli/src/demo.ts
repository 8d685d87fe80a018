import {
  buildListIndex,
  buildListReport,
  determineResponsibility,
  isoDate,
  listsAsOf,
  prepareDeterminations,
  temporaryTasksAsOf,
} from "@dutylist/core";
import { DEMO_CASES, demoCounty } from "@dutylist/core/testing";
import type { Command } from "commander";
import { runAssessmentDemo } from "./assessment-demo.ts";
import type { CommandContext } from "./cli-args.ts";
import { EXIT } from "./cli-io.ts";
import { renderDetermination, renderLedger, renderListCounts, renderListReport } from "./render.ts";
import { helpNotes } from "./usage.ts";

/** The main job until the API lands: the demo county's lists, determinations and ledger, as text. */
export function runDemo(write: (text: string) => void): number {
  const dataset = demoCounty();
  const index = buildListIndex(dataset.entries);
  const names = new Map(dataset.townships.map((t) => [t.code, t.name]));
  write(
    `示范县:${dataset.county.name}(${dataset.county.code}),${dataset.townships.length} 个乡镇(街道),${dataset.departments.length} 个县级部门\n`,
  );
  const dates = [isoDate("2025-03-01"), isoDate("2025-12-31")];
  write(
    `${renderListCounts(
      names,
      dates.flatMap((date) => dataset.townships.map((t) => listsAsOf(index, t.code, date))),
    )}\n\n`,
  );
  const context = prepareDeterminations(dataset);
  let failures = 0;
  for (const { title, failure } of DEMO_CASES) {
    const result = determineResponsibility(context, failure);
    if (result.ok) write(`${renderDetermination(title, result.value)}\n\n`);
    else {
      failures++;
      write(`✗ ${title}: ${result.errors.map((e) => e.message).join("; ")}\n\n`);
    }
  }
  const yearEnd = isoDate("2025-12-31");
  write(
    `临时性工作任务台账(截至 ${yearEnd}):\n${renderLedger(temporaryTasksAsOf(dataset.temporaryTasks, yearEnd))}\n\n`,
  );
  write(`${renderListReport(buildListReport(dataset, yearEnd))}\n\n`);
  const assessed = runAssessmentDemo(write);
  return failures === 0 && assessed === 0 ? 0 : 1;
}

/** Adds `demo` to the program. */
export function registerDemo(program: Command, { io, exit }: CommandContext): void {
  program
    .command("demo")
    .summary("示范县演示 (the demo county, in memory)")
    .description(
      "示范县的清单、责任认定、临时任务台账和考核 (the demo county, in memory; touches no database).",
    )
    .addHelpText("after", helpNotes())
    .action(() => exit(runDemo(io.stdout) === 0 ? EXIT.OK : EXIT.REJECTED));
}
