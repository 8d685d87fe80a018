// `pnpm --filter @dutylist/hotline evaluate [--verbose] [--tune-only] [--folds]`: the dispatcher's
// evaluation table (docs/hotline.md). `--tune-only` evaluates the tune orders alone and `--folds`
// adds their 5-fold check: for work on the matcher, as the held-aside sets are for measuring only.
// The orders written for training (`extra`) are learnt first, as a county's earlier handled
// orders; then the tune orders run in date order, each learnt once matched (confirmed or
// corrected); the held-aside sets run last, without learning.

import { demoCounty } from "@dutylist/core/testing";
import { crossValidate } from "./cross-validation.ts";
import { demoOrders, demoPlaces, demoVocabulary } from "./demo-orders.ts";
import { evaluate } from "./evaluate.ts";
import { evaluationTable } from "./evaluation-table.ts";
import { HotlineMatcher, type HotlinePhrase } from "./matcher.ts";

const dataset = demoCounty();
const code = dataset.county.code;
const extra = demoOrders("extra");
const handled: HotlinePhrase[] = extra.map((o) => ({
  countyCode: code,
  itemCode: o.expect.itemCode,
  phrase: o.text,
  source: "CONFIRMED",
}));
const matcher = new HotlineMatcher();
matcher.addCounty(dataset, [...demoVocabulary(), ...handled], demoPlaces());
const verbose = process.argv.includes("--verbose");
const tuneOnly = process.argv.includes("--tune-only");
const tune = evaluate(matcher, dataset, demoOrders("tune"), {
  learn: process.argv.includes("--corrections-only") ? true : "all",
});
if (tuneOnly) process.stdout.write(evaluationTable({ tune }));
else {
  // Both held-aside sets after all the tune orders were learnt, without learning from each other.
  const holdout = evaluate(matcher, dataset, demoOrders("holdout"), { learn: false });
  const holdout2 = evaluate(matcher, dataset, demoOrders("holdout2"), { learn: false });
  process.stdout.write(evaluationTable({ tune, holdout, holdout2 }));
}
if (process.argv.includes("--folds"))
  for (const f of crossValidate(dataset, demoOrders("tune"), demoVocabulary(), demoPlaces(), { extra })) {
    const pct = (t: { correct: number; total: number }) =>
      `${((100 * t.correct) / t.total).toFixed(1)} % (${t.correct}/${t.total})`;
    process.stdout.write(
      `\ntune, 5 folds, other folds and the written orders learnt, ${f.vocabulary ? "with the vocabulary" : "without the vocabulary"}: top-1 ${pct(f.overall)}, unassigned recognised ${pct(f.unassignedRecognised)}`,
    );
  }
if (verbose) for (const w of tune.wrong) process.stdout.write(`\ntune ${w.id}: ${w.expected} ⇢ ${w.got}`);
process.stdout.write("\n");
