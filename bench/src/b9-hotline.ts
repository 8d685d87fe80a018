import {
  buildDirectory,
  buildListIndex,
  type CountyDataset,
  dispatchByLists,
  dispatchDesk,
  entryInForce,
  type IsoDate,
  isoDate,
  listsAsOf,
  unassignedDispatch,
} from "@dutylist/core";
import { demoCounty, generateCounty } from "@dutylist/core/testing";
import { HotlineMatcher, termsOf } from "@dutylist/hotline";
import { demoOrders, demoPlaces, demoVocabulary } from "@dutylist/hotline/demo";
import { seededRandom, timingOf } from "./measure.ts";
import { type BenchResult, judged, timeRatio } from "./result.ts";

// B9: the 12345 dispatcher (H1) on a province-size catalogue — the demo county beside generated
// counties (a province's 95, with their catalogues of ~350 items) in one matcher. Orders are the
// labelled orders' words sent to random townships of random counties on random days of 2026:
// fresh questions (no two alike), in date order, each dispatched by the lists of its day, the
// whole dispatch read. The baseline does the same work as plainly as it can be done: for each
// order, every item of its county scored by how many of the item's own terms the text contains
// (keyword `includes`), the best on the township's lists that day dispatched the same way.

export interface B9Options {
  readonly counties: number;
  readonly townships: number;
  readonly latencyOrders: number;
  readonly monthOrders: number;
}

interface Order {
  readonly countyCode: string;
  readonly townshipCode: string;
  readonly receivedOn: IsoDate;
  readonly text: string;
}

function orders(counties: readonly CountyDataset[], n: number, seed: number): Order[] {
  const random = seededRandom(seed);
  const texts = [...demoOrders("tune"), ...demoOrders("holdout")].map((o) => o.text);
  const out: Order[] = [];
  for (let i = 0; i < n; i++) {
    const county = counties[Math.floor(random() * counties.length)] as CountyDataset;
    const township = county.townships[Math.floor(random() * county.townships.length)];
    const day = 1 + Math.floor(random() * 330);
    const receivedOn = isoDate(new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10));
    out.push({
      countyCode: county.county.code,
      townshipCode: township?.code ?? "",
      receivedOn,
      text: texts[i % texts.length] ?? "",
    });
  }
  return out.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
}

/** The plain way: every item of the county scored by the share of its terms found in the text. */
class KeywordDispatcher {
  private readonly counties = new Map<
    string,
    {
      dataset: CountyDataset;
      terms: Map<string, string[]>;
      index: ReturnType<typeof buildListIndex>;
      directory: ReturnType<typeof buildDirectory>;
    }
  >();
  add(dataset: CountyDataset): void {
    const terms = new Map(
      dataset.items.map((i) => [
        i.code,
        [...new Set(termsOf(`${i.content.name} ${i.content.tasks.join(" ")}`))],
      ]),
    );
    this.counties.set(dataset.county.code, {
      dataset,
      terms,
      index: buildListIndex(dataset.entries),
      directory: buildDirectory(dataset),
    });
  }
  dispatch(o: Order) {
    const c = this.counties.get(o.countyCode);
    if (c === undefined) throw new Error(o.countyCode);
    const desk = dispatchDesk(c.dataset.county);
    let best: string | null = null;
    let bestScore = 0;
    const lists = listsAsOf(c.index, o.townshipCode, o.receivedOn);
    for (const entry of [...lists.basic, ...lists.cooperative, ...lists.reclaimed]) {
      const terms = c.terms.get(entry.itemCode) ?? [];
      let hits = 0;
      for (const t of terms) if (o.text.includes(t)) hits++;
      const score = terms.length === 0 ? 0 : hits / terms.length;
      if (score > bestScore) {
        bestScore = score;
        best = entry.itemCode;
      }
    }
    return best === null || entryInForce(c.index, o.townshipCode, best, o.receivedOn) === null
      ? unassignedDispatch(desk, "NO_MATCH", "无匹配")
      : dispatchByLists(c.index, c.directory, desk, o.townshipCode, o.receivedOn, best);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/** Runs B9: one order's latency (p50, p99) and a month of orders, engine and baseline. */
export async function runB9(options: B9Options, log: (line: string) => void): Promise<BenchResult[]> {
  const counties = [demoCounty()];
  for (let i = 0; i < options.counties; i++)
    counties.push(generateCounty({ seed: 9000 + i, townships: options.townships }));
  const items = counties.reduce((n, c) => n + c.items.length, 0);
  const builtAt = performance.now();
  const matcher = new HotlineMatcher();
  for (const c of counties)
    matcher.addCounty(
      c,
      c.county.code === "QX" ? demoVocabulary() : [],
      c.county.code === "QX" ? demoPlaces() : [],
    );
  const buildMs = performance.now() - builtAt;
  const plain = new KeywordDispatcher();
  for (const c of counties) plain.add(c);
  log(
    `B9: ${counties.length} counties, ${items.toLocaleString("en")} items, matcher built in ${Math.round(buildMs)} ms`,
  );
  let sink = 0;
  const consume = (d: { reason: string; handlers: readonly unknown[] }) => {
    sink += d.reason.length + d.handlers.length;
  };
  // Warm: a first pass over other orders, then fresh ones timed one by one.
  for (const o of orders(counties, 200, 1)) consume(matcher.match(o).dispatch);
  const single = orders(counties, options.latencyOrders, 2);
  const one = (dispatch: (o: Order) => { reason: string; handlers: readonly unknown[] }) =>
    single
      .map((o) => {
        const t = performance.now();
        consume(dispatch(o));
        return performance.now() - t;
      })
      .sort((a, b) => a - b);
  const engineTimes = one((o) => matcher.match(o).dispatch);
  const baselineTimes = one((o) => plain.dispatch(o));
  const month = orders(counties, options.monthOrders, 3);
  const run = (dispatch: (o: Order) => { reason: string; handlers: readonly unknown[] }) => {
    const t = performance.now();
    for (const o of month) consume(dispatch(o));
    return performance.now() - t;
  };
  const engineMonth = run((o) => matcher.match(o).dispatch);
  const baselineMonth = run((o) => plain.dispatch(o));
  return b9Results(options, `${counties.length} counties, ${items.toLocaleString("en")} items`, {
    engineTimes,
    baselineTimes,
    engineMonth,
    baselineMonth,
    extra: { buildMs, sink },
  });
}

interface B9Figures {
  readonly engineTimes: readonly number[];
  readonly baselineTimes: readonly number[];
  readonly engineMonth: number;
  readonly baselineMonth: number;
  readonly extra: Readonly<Record<string, number>>;
}

function b9Results(options: B9Options, size: string, f: B9Figures): BenchResult[] {
  const { engineTimes, baselineTimes, engineMonth, baselineMonth } = f;
  const p99 = percentile(engineTimes, 0.99);
  const baselineName = "keyword includes over the county's items, best on the lists dispatched the same way";
  return [
    judged({
      id: "B9-match-p99",
      title: "one 12345 order matched and dispatched, warm (p99)",
      size: `${size}, ${options.latencyOrders.toLocaleString("en")} fresh orders`,
      baselineName,
      engine: timingOf([percentile(engineTimes, 0.5)]),
      baseline: timingOf([percentile(baselineTimes, 0.5)]),
      ratio: timeRatio(timingOf([p99]), timingOf([percentile(baselineTimes, 0.99)])),
      target: { op: "<=", value: 20, unit: "ms" },
      absolute: p99,
      items: options.latencyOrders,
      unit: "orders",
      extra: {
        engineP50Ms: percentile(engineTimes, 0.5),
        engineP99Ms: p99,
        baselineP99Ms: percentile(baselineTimes, 0.99),
        ...f.extra,
      },
    }),
    judged({
      id: "B9-month",
      title: "a month of 12345 orders dispatched",
      size: `${size}, ${options.monthOrders.toLocaleString("en")} orders`,
      baselineName,
      engine: timingOf([engineMonth]),
      baseline: timingOf([baselineMonth]),
      ratio: engineMonth / baselineMonth,
      target: { op: "<=", value: 60, unit: "s" },
      absolute: engineMonth / 1000,
      items: options.monthOrders,
      unit: "orders",
    }),
  ];
}
