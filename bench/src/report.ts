import type { BenchResult, RunReport } from "./result.ts";

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function verdict(result: BenchResult): string {
  if (result.target === null || result.pass === null) return "";
  const t = result.target;
  if (t.unit !== undefined)
    return `${result.pass ? "PASS" : "MISS"} (${result.absolute?.toFixed(2)} ${t.unit} ${t.op} ${t.value} ${t.unit})`;
  return `${result.pass ? "PASS" : "MISS"} (${t.op} ${t.value}×)`;
}

/**
 * The run as a plain-text table: one row per figure (median and min of engine and baseline, the
 * ratio, the target and PASS/MISS), then the scaling series and what was skipped.
 * @example console.log(renderTable(report))
 */
export function renderTable(report: RunReport): string {
  const rows = report.results.map((r) => [
    r.id,
    r.size,
    `${ms(r.engine.medianMs)} / ${ms(r.engine.minMs)}`,
    `${ms(r.baseline.medianMs)} / ${ms(r.baseline.minMs)}`,
    `${r.ratio.toFixed(2)}×`,
    verdict(r),
  ]);
  const header = [
    "bench",
    "size",
    "engine ms (median / min)",
    "baseline ms (median / min)",
    "ratio",
    "target",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => pad(cell, widths[i] ?? 0, i >= 2 && i <= 4)).join("  ");
  const out = [
    "",
    `dutylist benchmarks — ${report.startedAt}${report.quick ? " (quick)" : ""}`,
    `${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
  const extras = report.results.filter((r) => r.memory !== undefined || r.extra !== undefined);
  if (extras.length > 0) {
    out.push("");
    for (const r of extras) {
      const parts: string[] = [];
      if (r.memory !== undefined)
        parts.push(`peak rss ${r.memory.rssMiB} MiB, heap ${r.memory.heapUsedMiB} MiB`);
      for (const [key, value] of Object.entries(r.extra ?? {}))
        parts.push(
          `${key} ${typeof value === "number" ? Number(value.toPrecision(4)).toLocaleString("en") : value}`,
        );
      out.push(`${r.id}: ${parts.join("; ")}`);
    }
  }
  for (const series of report.scaling) {
    out.push(
      "",
      `scaling — ${series.series}: ${series.pass ? "PASS" : "MISS"} (cost per record within ±25 % of 1×)`,
    );
    for (const p of series.points) {
      const spread = `${p.spread >= 0 ? "+" : ""}${(p.spread * 100).toFixed(1)} %`;
      out.push(
        `  ${pad(`${p.scale}×`, 4, true)}  ${pad(p.items.toLocaleString("en"), 11, true)} records  ${pad(p.nsPerItem.toFixed(0), 7, true)} ns/record  ${pad(spread, 9, true)}`,
      );
    }
  }
  if (report.processes.length > 0)
    out.push(
      "",
      `each benchmark in its own process — peak rss: ${report.processes
        .map((p) => `${p.id} ${p.peakRssMiB.toLocaleString("en")} MiB (${p.seconds.toFixed(0)} s)`)
        .join(", ")}`,
    );
  for (const skip of report.skipped) out.push("", `skipped ${skip.id}: ${skip.reason}`);
  out.push("", `wall time ${report.wallSeconds} s`);
  return out.join("\n");
}

/**
 * The run as Markdown, for docs/benchmarks.md: every figure beside its baseline and target, the
 * scaling series, memory, and each benchmark's process.
 * @example await writeFile("latest.md", renderMarkdown(report))
 */
export function renderMarkdown(report: RunReport): string {
  const out = [
    `Run of ${report.startedAt.slice(0, 16).replace("T", " ")} UTC${report.quick ? " (quick)" : ""} on ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; ${report.postgres === null ? "PGlite only" : "PGlite and PostgreSQL"}; wall time ${report.wallSeconds} s.`,
    "",
    "| bench | size | engine (median) | baseline (median) | ratio | target | |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ];
  for (const r of report.results) {
    const throughput = r.target?.op === ">=";
    const figure = (t: { medianMs: number }) =>
      throughput ? `${Math.round(1000 / t.medianMs).toLocaleString("en")} req/s` : `${ms(t.medianMs)} ms`;
    const op = r.target?.op === "<=" ? "≤" : "≥";
    const target =
      r.target === null
        ? ""
        : r.target.unit === undefined
          ? `${op} ${r.target.value}×`
          : `${r.absolute?.toFixed(2)} ${r.target.unit} ${op} ${r.target.value} ${r.target.unit}`;
    const verdictText = r.pass === null ? "" : r.pass ? "PASS" : "**MISS**";
    out.push(
      `| ${r.id} | ${r.size} | ${figure(r.engine)} | ${figure(r.baseline)} | ${r.ratio.toFixed(2)}× | ${target} | ${verdictText} |`,
    );
  }
  const extras = report.results.filter((r) => r.memory !== undefined || r.extra !== undefined);
  if (extras.length > 0) {
    out.push("", "| bench | memory at the end of a run | other figures |", "| --- | --- | --- |");
    for (const r of extras) {
      const memory =
        r.memory === undefined ? "" : `rss ${r.memory.rssMiB} MiB, heap ${r.memory.heapUsedMiB} MiB`;
      const figures = Object.entries(r.extra ?? {})
        .map(
          ([key, value]) =>
            `${key} ${typeof value === "number" ? Number(value.toPrecision(4)).toLocaleString("en") : value}`,
        )
        .join("; ");
      out.push(`| ${r.id} | ${memory} | ${figures} |`);
    }
  }
  for (const series of report.scaling) {
    out.push(
      "",
      `Scaling — ${series.series}: ${series.pass ? "PASS" : "**MISS**"} (cost per record within ±25 % of 1×)`,
      "",
      "| size | records | ns/record | from 1× |",
      "| ---: | ---: | ---: | ---: |",
    );
    for (const p of series.points)
      out.push(
        `| ${p.scale}× | ${p.items.toLocaleString("en")} | ${p.nsPerItem.toFixed(0)} | ${p.spread >= 0 ? "+" : ""}${(p.spread * 100).toFixed(1)} % |`,
      );
  }
  if (report.processes.length > 0)
    out.push(
      "",
      `Peak resident set of each benchmark's own process: ${report.processes.map((p) => `${p.id} ${p.peakRssMiB.toLocaleString("en")} MiB (${p.seconds.toFixed(0)} s)`).join(", ")}.`,
    );
  for (const skip of report.skipped) out.push("", `Skipped ${skip.id}: ${skip.reason}.`);
  return `${out.join("\n")}\n`;
}
