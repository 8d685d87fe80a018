import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBenchmarks } from "./main.ts";
import type { RunReport } from "./result.ts";

// A smoke test of the harness, not a benchmark: tiny sizes (`--quick`), PGlite only (a CI server's
// database is not the benchmark's to empty), and it only checks that a run completes and writes a
// well-formed report. B4 (servers in child processes under load) is
// left to `pnpm bench`: starting its servers alone takes longer than this whole test.

describe("pnpm bench --quick", () => {
  let out = "";
  afterAll(async () => {
    if (out !== "") await rm(out, { recursive: true, force: true });
  });

  it("runs B1, B2, B3 and B5 and writes latest.json with a figure, a ratio and a verdict for each", async () => {
    out = await mkdtemp(join(tmpdir(), "dutylist-bench-test-"));
    const lines: string[] = [];
    const report = await runBenchmarks(
      ["--quick", "--no-postgres", "--only", "B1,B2,B3,B5", "--out", out],
      (line) => lines.push(line),
    );
    const written = JSON.parse(await readFile(join(out, "latest.json"), "utf8")) as RunReport;
    expect(written.results.map((r) => r.id)).toEqual(report.results.map((r) => r.id));
    const ids = written.results.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["B1", "B2", "B2-1x", "B2-4x", "B3-pglite-16x", "B5"]));
    for (const result of written.results) {
      expect(result.engine.medianMs).toBeGreaterThan(0);
      expect(result.baseline.medianMs).toBeGreaterThan(0);
      expect(Number.isFinite(result.ratio)).toBe(true);
      if (result.target !== null) expect(typeof result.pass).toBe("boolean");
    }
    expect(written.scaling.map((s) => s.series)).toEqual(expect.arrayContaining(["B2 scoring", "B3 pglite"]));
    expect(written.scaling.every((s) => s.points.length === 3)).toBe(true);
    expect(written.machine.cores).toBeGreaterThan(0);
    // Each benchmark ran in its own process, which reported its peak memory.
    expect(written.processes.map((p) => p.id)).toEqual(["B1", "B2", "B3", "B5"]);
    for (const p of written.processes) expect(p.peakRssMiB).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("ratio");
  });
});
