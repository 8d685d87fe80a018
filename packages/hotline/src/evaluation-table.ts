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

/** Tune and holdout side by side; the holdout column is the one reported. */
export function evaluationTable(parts: { readonly tune: Evaluation; readonly holdout: Evaluation }): string {
  const { tune, holdout } = parts;
  const rows: [string, string, string][] = [
    ["top-1 (item and handler right)", pct(tune.overall), pct(holdout.overall)],
    ...LIST_TYPES.map((t): [string, string, string] => [
      `  list type ${t}`,
      pct(tune.byListType[t]),
      pct(holdout.byListType[t]),
    ]),
    ["unassigned recognised", pct(tune.unassignedRecognised), pct(holdout.unassignedRecognised)],
    [
      "orders with an item left unassigned",
      String(tune.wronglyUnassigned),
      String(holdout.wronglyUnassigned),
    ],
    ...TAGS.map((t): [string, string, string] => [`  ${t}`, pct(tune.byTag[t]), pct(holdout.byTag[t])]),
  ];
  let out =
    "| measure | tune (learning from corrections) | holdout (never tuned on) |\n| --- | --- | --- |\n";
  for (const [a, b, c] of rows) out += `| ${a} | ${b} | ${c} |\n`;
  out +=
    "\nConfusions on the holdout (expected ⇢ dispatched):\n\n| expected | dispatched | orders |\n| --- | --- | --- |\n";
  for (const c of holdout.confusions) out += `| ${c.expected} | ${c.got} | ${c.count} |\n`;
  if (holdout.confusions.length === 0) out += "| — | — | 0 |\n";
  return out;
}
