import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CountyDataset } from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import type { Database } from "@dutylist/store";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "./cli.ts";
import { openDemoYear, runCli } from "./test-io.ts";

// One Chinese vocabulary: no raw enum code (SECONDARY, LEADING_POST, ALTERED, REQUIRED…) in the
// Chinese text of the main commands. A run of three or more capitals touching Chinese text is a
// code that leaked, unless it is the county's own data (a department code such as ZHZFJ, an
// adjustment id) or a word users know as such (API, CSV, JSON). JSON output is not scanned.

const WORDS = new Set(["API", "CSV", "XLSX", "JSON", "BOM", "UTF-8", "PATH", "YYYY-MM-DD", "DIR", "CODE"]);

/** Chinese characters and CJK / full-width punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/** Codes of the stored county: data, not vocabulary. */
function dataCodes(dataset: CountyDataset): Set<string> {
  return new Set([
    dataset.county.code,
    ...dataset.townships.map((t) => t.code),
    ...dataset.departments.map((d) => d.code),
    ...dataset.items.map((i) => i.code),
    ...dataset.adjustments.map((a) => a.id),
    ...dataset.temporaryTasks.map((t) => t.id),
  ]);
}

/** Each code-like word with three capitals in a row that touches Chinese text, with its context. */
function leakedCodes(text: string, allowed: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9][A-Za-z0-9_-]*/g)) {
    const word = match[0];
    if (!/[A-Z]{3}/.test(word) || allowed.has(word) || WORDS.has(word)) continue;
    const before = text[match.index - 1] ?? "";
    const after = text[match.index + word.length] ?? "";
    if (CJK.test(before) || CJK.test(after)) {
      found.push(text.slice(Math.max(0, match.index - 12), match.index + word.length + 12));
    }
  }
  return found;
}

/** Every command path of the program: `assess`, `export lists`, `audit verify`… */
function commandPaths(command: Command, prefix: readonly string[] = []): string[][] {
  return command.commands.flatMap((c) => {
    const here = [...prefix, c.name()];
    return [here, ...commandPaths(c, here)];
  });
}

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDemoYear("cli-vocabulary");
  dir = await mkdtemp(path.join(tmpdir(), "dutylist-vocabulary-"));
});
afterAll(async () => {
  await db?.close();
});

describe("one Chinese vocabulary in the CLI's output", () => {
  it("finds a leaked code next to Chinese text, and lets data codes and known words be", () => {
    const allowed = new Set(["ZHZFJ"]);
    expect(leakedCodes("白沙镇SECONDARY", allowed)).toHaveLength(1);
    expect(leakedCodes("缺:LEADING_POST、OFFICE", allowed)).toHaveLength(2);
    expect(leakedCodes("已收回至 ZHZFJ 的事项(ZHZFJ)", allowed)).toEqual([]);
    expect(leakedCodes("事项 CJ-001、QX-CG,见 API 与 CSV", allowed)).toEqual([]);
  });

  it("prints no raw code in the help of any command", async () => {
    const program = buildProgram({ io: { stdout: () => undefined } as never, exit: () => undefined });
    const allowed = dataCodes(demoCounty());
    for (const command of [[], ...commandPaths(program)]) {
      const { code, stdout } = await runCli(db, [...command, "--help"]);
      expect(code, command.join(" ")).toBe(0);
      expect(leakedCodes(stdout, allowed), command.join(" ")).toEqual([]);
    }
  });

  it("prints no raw code in the results and problems of the main commands", async () => {
    const allowed = dataCodes(demoCounty());
    const runs = [
      ["demo"],
      ["lists", "--as-of", "2025-12-31"],
      ["lists", "--as-of", "2025-10-01", "--township", "白沙镇"],
      ["assess", "--year", "2025"],
      ["determine", "--township", "城关镇", "--item", "MS-001", "--date", "2025-03-15", "--at-fault", "yes"],
      ["determine", "--township", "QX-TY", "--matter", "建筑工地扬尘污染执法检查", "--date", "2025-09-12"],
      ["dispatch", "--township", "白沙镇", "--on", "2025-05-10", "河里半夜有船在抽沙"],
      ["export", "lists", "--as-of", "2025-10-01", "--out", path.join(dir, "lists.xlsx")],
      ["import", path.join(dir, "lists.xlsx"), "--dry-run"],
      ["audit", "verify"],
      ["token", "--role", "ROOT"],
      ["assess", "--year", "2025", "--frob"],
      ["lists", "--as-of", "2025-13-01"],
      ["export"],
    ];
    for (const argv of runs) {
      const { stdout, stderr } = await runCli(db, argv, { cwd: dir });
      expect(leakedCodes(`${stdout}\n${stderr}`, allowed), argv.join(" ")).toEqual([]);
    }
  });
});
