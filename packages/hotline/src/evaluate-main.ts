// `pnpm --filter @dutylist/hotline evaluate [--verbose] [--tune-only] [--folds]`: the dispatcher's
// evaluation table (docs/hotline.md). `--tune-only` evaluates the tune orders alone and `--folds`
// adds their 5-fold check: for work on the matcher, as the held-aside sets are for measuring only.

import { demoCounty } from "@dutylist/core/testing";
import { crossValidate } from "./cross-validation.ts";
import { demoOrders, demoPlaces, demoVocabulary } from "./demo-orders.ts";
import { evaluate } from "./evaluate.ts";
import { evaluationTable } from "./evaluation-table.ts";
import { HotlineMatcher } from "./matcher.ts";

const dataset = demoCounty();
const matcher = new HotlineMatcher();
matcher.addCounty(dataset, demoVocabulary(), demoPlaces());
const verbose = process.argv.includes("--verbose");
const tuneOnly = process.argv.includes("--tune-only");
const tune = evaluate(matcher, dataset, demoOrders("tune"), { learn: true });
if (tuneOnly) process.stdout.write(evaluationTable({ tune }));
else {
  // Both held-aside sets after all the tune corrections, without learning from each other.
  const holdout = evaluate(matcher, dataset, demoOrders("holdout"), { learn: false });
  const holdout2 = evaluate(matcher, dataset, demoOrders("holdout2"), { learn: false });
  process.stdout.write(evaluationTable({ tune, holdout, holdout2 }));
}
if (process.argv.includes("--folds"))
  for (const f of crossValidate(dataset, demoOrders("tune"), demoVocabulary(), demoPlaces())) {
    const pct = (t: { correct: number; total: number }) =>
      `${((100 * t.correct) / t.total).toFixed(1)} % (${t.correct}/${t.total})`;
    process.stdout.write(
      `\ntune, 5 folds, other folds learnt, ${f.vocabulary ? "with the vocabulary" : "without the vocabulary"}: top-1 ${pct(f.overall)}, unassigned recognised ${pct(f.unassignedRecognised)}`,
    );
  }
if (verbose) for (const w of tune.wrong) process.stdout.write(`\ntune ${w.id}: ${w.expected} ⇢ ${w.got}`);
process.stdout.write("\n");
