// The evaluation as Markdown tables, as docs/hotline.md shows them.

import type { Evaluation, Tally } from "./evaluate.ts";

function pct(t: Tally | undefined): string {
  if (t === undefined || t.total === 0) return "—";
  return `${((100 * t.correct) / t.total).toFixed(1)} % (${t.correct}/${t.total})`;
}

const LIST_TYPES = ["BASIC", "COOPERATIVE", "RECLAIMED", "UNASSIGNED"];
const TAGS = [
  "house-pair",
  "food-smoke-pair",
  "river-pair",
  "bbq-pair",
  "reclass-2025",
  "reclass-2026",
  "not-on-this-list",
  "address-only",
];

function confusionTable(title: string, e: Evaluation): string {
  let out = `\n${title} (expected ⇢ dispatched):\n\n| expected | dispatched | orders |\n| --- | --- | --- |\n`;
  for (const c of e.confusions) out += `| ${c.expected} | ${c.got} | ${c.count} |\n`;
  if (e.confusions.length === 0) out += "| — | — | 0 |\n";
  return out;
}

/**
 * Tune and the held-aside sets side by side; the held-aside columns are the ones reported. Without
 * held-aside sets (`--tune-only`), the tune column alone.
 */
export function evaluationTable(parts: {
  readonly tune: Evaluation;
  readonly holdout?: Evaluation;
  readonly holdout2?: Evaluation;
}): string {
  const columns: [string, Evaluation][] = [["tune (each order learnt once matched)", parts.tune]];
  if (parts.holdout !== undefined) columns.push(["holdout (never tuned on)", parts.holdout]);
  if (parts.holdout2 !== undefined) columns.push(["holdout 2 (written before the changes)", parts.holdout2]);
  const row = (label: string, cell: (e: Evaluation) => string) =>
    `| ${label} | ${columns.map(([, e]) => cell(e)).join(" | ")} |\n`;
  let out = `| measure | ${columns.map(([h]) => h).join(" | ")} |\n|${" --- |".repeat(columns.length + 1)}\n`;
  out += row("top-1 (item and handler right)", (e) => pct(e.overall));
  for (const t of LIST_TYPES) out += row(`  list type ${t}`, (e) => pct(e.byListType[t]));
  out += row("unassigned recognised", (e) => pct(e.unassignedRecognised));
  out += row("orders with an item left unassigned", (e) => String(e.wronglyUnassigned));
  for (const t of TAGS) out += row(`  ${t}`, (e) => pct(e.byTag[t]));
  if (parts.holdout !== undefined) out += confusionTable("Confusions on the holdout", parts.holdout);
  if (parts.holdout2 !== undefined) out += confusionTable("Confusions on holdout 2", parts.holdout2);
  return out;
}
