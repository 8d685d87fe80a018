import { demoAssessmentPlan, demoCounty, generateRecords } from "@dutylist/core/testing";
import {
  type Database,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
} from "@dutylist/store";
import { resetDatabase, testDatabaseTarget, testStamp } from "@dutylist/store/testing";
import { run } from "./cli.ts";
import type { CliIo } from "./cli-io.ts";

/** What a command printed and how it ended. */
export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command line in-process on an open database, capturing its output (tests).
 * @example const { code, stdout } = await runCli(db, ["lists", "--as-of", "2025-10-01"], { cwd: dir })
 */
export async function runCli(
  database: Database | undefined,
  argv: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTTY: false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    ...(database === undefined ? {} : { database }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/**
 * A test database holding the demo county with its 2025 plan and a year of records (seed 2025),
 * stored as the store's own calls store them.
 * @example const db = await openDemoYear("cli")
 */
export async function openDemoYear(name: string): Promise<Database> {
  const db = await openDatabase(await testDatabaseTarget(name));
  await resetDatabase(db);
  const county = demoCounty();
  await saveCountyDataset(db, county, testStamp("saveCountyDataset"));
  await saveAssessmentPlan(db, demoAssessmentPlan(), testStamp("saveAssessmentPlan"));
  const records = generateRecords(demoAssessmentPlan(), county, { seed: 2025 });
  await saveAssessmentRecords(db, "QX", records, testStamp("saveAssessmentRecords"));
  return db;
}
