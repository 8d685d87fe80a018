// `pnpm --filter @dutylist/hotline evaluate`: the dispatcher's evaluation table (docs/hotline.md).

import { demoCounty } from "@dutylist/core/testing";
import { demoOrders, demoPlaces, demoVocabulary } from "./demo-orders.ts";
import { evaluate } from "./evaluate.ts";
import { evaluationTable } from "./evaluation-table.ts";
import { HotlineMatcher } from "./matcher.ts";

const dataset = demoCounty();
const matcher = new HotlineMatcher();
matcher.addCounty(dataset, demoVocabulary(), demoPlaces());
const verbose = process.argv.includes("--verbose");
const tune = evaluate(matcher, dataset, demoOrders("tune"), { learn: true });
const holdout = evaluate(matcher, dataset, demoOrders("holdout"), { learn: false });
process.stdout.write(evaluationTable({ tune, holdout }));
if (verbose) for (const w of tune.wrong) process.stdout.write(`tune ${w.id}: ${w.expected} ⇢ ${w.got}\n`);
