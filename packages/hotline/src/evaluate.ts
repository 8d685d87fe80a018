// The dispatcher's evaluation on labelled orders (H1): accuracy overall, by list type, on the
// orders no list covers, on the look-alike pairs, and the confusions.

import { buildListIndex, type CountyDataset, entryInForce } from "@dutylist/core";
import type { LabelledOrder } from "./demo-orders.ts";
import type { HotlineMatcher, WorkOrderMatch } from "./matcher.ts";

export interface Tally {
  total: number;
  correct: number;
}

export interface Evaluation {
  readonly overall: Tally;
  /** By the expected item's list type that day; `UNASSIGNED` for orders no list covers. */
  readonly byListType: Readonly<Record<string, Tally>>;
  /** Orders whose item the lists leave to nobody, recognised as unassigned. */
  readonly unassignedRecognised: Tally;
  /** Orders with an item that were left unassigned. */
  readonly wronglyUnassigned: number;
  /** By look-alike pair and reclassification tag. */
  readonly byTag: Readonly<Record<string, Tally>>;
  /** Expected → dispatched, for the wrong ones, most frequent first. */
  readonly confusions: readonly { readonly expected: string; readonly got: string; readonly count: number }[];
  /** Wrong orders by id, for reading. */
  readonly wrong: readonly { readonly id: string; readonly expected: string; readonly got: string }[];
}

const PAIR_TAGS = [
  "house-pair",
  "food-smoke-pair",
  "river-pair",
  "bbq-pair",
  "reclass-2025",
  "reclass-2026",
  "not-on-this-list",
  "address-only",
];

function bump(map: Record<string, Tally>, key: string, ok: boolean): void {
  const t = map[key] ?? { total: 0, correct: 0 };
  t.total++;
  if (ok) t.correct++;
  map[key] = t;
}

/** What the dispatch says, as `item→handler` or `unassigned`. */
export function dispatchLabel(m: WorkOrderMatch): string {
  const d = m.dispatch;
  return d.unassigned ? "unassigned" : `${d.itemCode}→${d.handlers[0]?.code}`;
}

function expectedLabel(o: LabelledOrder): string {
  return o.expect.itemCode === null ? "unassigned" : `${o.expect.itemCode}→${o.expect.handler.code}`;
}

/** Matches an order as the hotline would: its township, or the one its address (or text) names. */
export function matchOrder(matcher: HotlineMatcher, countyCode: string, o: LabelledOrder): WorkOrderMatch {
  const townshipCode =
    o.townshipCode ??
    matcher.townshipOf(countyCode, o.address ?? "") ??
    matcher.townshipOf(countyCode, o.text);
  return matcher.match({ countyCode, townshipCode, receivedOn: o.receivedOn, text: o.text });
}

/**
 * Runs the orders in date order, each matched before anything is learnt from it. With `learn`,
 * an operator corrects each wrong dispatch and the correction becomes a phrase of the right item
 * (or of the topics no list covers) — what the tune set is for; with `learn: "all"` the confirmed
 * dispatches are learnt too. The held-aside sets are evaluated without learning.
 */
export function evaluate(
  matcher: HotlineMatcher,
  dataset: CountyDataset,
  orders: readonly LabelledOrder[],
  options: { readonly learn: boolean | "all" },
): Evaluation {
  const countyCode = dataset.county.code;
  const index = buildListIndex(dataset.entries);
  const overall: Tally = { total: 0, correct: 0 };
  const byListType: Record<string, Tally> = {};
  const byTag: Record<string, Tally> = {};
  const unassignedRecognised: Tally = { total: 0, correct: 0 };
  let wronglyUnassigned = 0;
  const confusions = new Map<string, number>();
  const wrong: { id: string; expected: string; got: string }[] = [];
  const sorted = [...orders].sort((a, b) =>
    a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0,
  );
  for (const o of sorted) {
    const m = matchOrder(matcher, countyCode, o);
    const expected = expectedLabel(o);
    const got = dispatchLabel(m);
    const ok = expected === got;
    overall.total++;
    if (ok) overall.correct++;
    const township =
      o.expect.handler.kind === "TOWNSHIP" ? o.expect.handler.code : (o.townshipCode ?? m.townshipCode);
    const entry =
      o.expect.itemCode === null || township === null
        ? null
        : entryInForce(index, township, o.expect.itemCode, o.receivedOn);
    bump(byListType, o.expect.itemCode === null ? "UNASSIGNED" : (entry?.terms.type ?? "UNKNOWN"), ok);
    for (const tag of o.tags) if (PAIR_TAGS.includes(tag)) bump(byTag, tag, ok);
    if (o.expect.itemCode === null) {
      unassignedRecognised.total++;
      if (m.dispatch.unassigned) unassignedRecognised.correct++;
    } else if (m.dispatch.unassigned) wronglyUnassigned++;
    if (!ok) {
      const key = `${expected} ⇢ ${got}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
      wrong.push({ id: o.id, expected, got });
    }
    // The operator's correction teaches later matching; with `learn: "all"`, so does every
    // dispatch the desk confirmed (the county's handled orders, as the naive Bayes reads them).
    if (options.learn === "all" || (options.learn === true && !ok))
      matcher.addPhrase({
        countyCode,
        itemCode: o.expect.itemCode,
        phrase: o.text,
        source: ok ? "CONFIRMED" : "CORRECTION",
      });
  }
  return {
    overall,
    byListType,
    unassignedRecognised,
    wronglyUnassigned,
    byTag,
    confusions: [...confusions.entries()]
      .map(([k, count]) => {
        const [expected = "", got = ""] = k.split(" ⇢ ");
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count || (a.expected < b.expected ? -1 : 1)),
    wrong,
  };
}
