// A check of how the matcher generalises, on the tune orders alone: the held-aside sets measure,
// they do not choose. The tune orders are cut into folds; each fold is matched by a matcher that
// learnt the other folds' orders as handled orders, with or without the county's vocabulary.

import type { CountyDataset } from "@dutylist/core";
import type { LabelledOrder } from "./demo-orders.ts";
import { evaluate, type Tally } from "./evaluate.ts";
import {
  DEFAULT_SETTINGS,
  HotlineMatcher,
  type HotlinePhrase,
  type HotlinePlace,
  type MatcherSettings,
} from "./matcher.ts";

export interface FoldResult {
  /** Whether the county's vocabulary was loaded (without it: the items' own text, the topics no list covers and the learnt orders). */
  readonly vocabulary: boolean;
  readonly overall: Tally;
  readonly unassignedRecognised: Tally;
}

/**
 * Each of `folds` folds of `orders` matched after the others were learnt (as confirmed orders),
 * with the full vocabulary and with only its topics no list covers.
 * @example crossValidate(demoCounty(), demoOrders("tune"), demoVocabulary(), demoPlaces())
 */
export function crossValidate(
  dataset: CountyDataset,
  orders: readonly LabelledOrder[],
  vocabulary: readonly HotlinePhrase[],
  places: readonly HotlinePlace[],
  options: {
    readonly folds?: number;
    readonly settings?: MatcherSettings;
    /** Handled orders learnt in every fold beside the other folds' (written for training), never scored. */
    readonly extra?: readonly LabelledOrder[];
  } = {},
): FoldResult[] {
  const folds = options.folds ?? 5;
  const countyCode = dataset.county.code;
  return [true, false].map((withVocabulary) => {
    const overall: Tally = { total: 0, correct: 0 };
    const unassignedRecognised: Tally = { total: 0, correct: 0 };
    for (let k = 0; k < folds; k++) {
      const matcher = new HotlineMatcher(options.settings ?? DEFAULT_SETTINGS);
      const learnt: HotlinePhrase[] = [
        ...(options.extra ?? []),
        ...orders.filter((_, i) => i % folds !== k),
      ].map((o) => ({ countyCode, itemCode: o.expect.itemCode, phrase: o.text, source: "CONFIRMED" }));
      const phrases = withVocabulary ? vocabulary : vocabulary.filter((p) => p.itemCode === null);
      matcher.addCounty(dataset, [...phrases, ...learnt], places);
      const e = evaluate(
        matcher,
        dataset,
        orders.filter((_, i) => i % folds === k),
        { learn: false },
      );
      overall.total += e.overall.total;
      overall.correct += e.overall.correct;
      unassignedRecognised.total += e.unassignedRecognised.total;
      unassignedRecognised.correct += e.unassignedRecognised.correct;
    }
    return { vocabulary: withVocabulary, overall, unassignedRecognised };
  });
}
