// The demo county's hotline data: its vocabulary, its gazetteer and the labelled orders written
// for it (data/README.md says how; the holdout file is never used for tuning).

import { readFileSync } from "node:fs";
import { type IsoDate, isoDate } from "@dutylist/core";
import type { HotlinePhrase, HotlinePlace } from "./matcher.ts";

/** A work order as received: the citizen's words, the township or an address, the day, the channel. */
export interface ReceivedOrder {
  readonly id: string;
  readonly townshipCode: string | null;
  readonly address: string | null;
  readonly receivedOn: IsoDate;
  readonly channel: string;
  readonly text: string;
}

/** A labelled order: what a careful county dispatcher would do with it. */
export interface LabelledOrder extends ReceivedOrder {
  readonly expect: {
    readonly itemCode: string | null;
    readonly handler: { readonly kind: "TOWNSHIP" | "DEPARTMENT" | "DESK"; readonly code: string };
  };
  readonly tags: readonly string[];
}

const DATA = new URL("../data/", import.meta.url);

function json(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, DATA), "utf8"));
}

/**
 * The labelled orders: `tune` (thresholds, vocabulary, corrections), `extra` (handled orders
 * written for training from the items' descriptions, learnt but never scored), or `holdout` and
 * `holdout2` (reported accuracy only; `holdout2` was written before the issue-17 changes,
 * data/README.md).
 */
export function demoOrders(part: "tune" | "extra" | "holdout" | "holdout2"): LabelledOrder[] {
  const rows = json(`demo-orders-${part}.json`) as (Omit<LabelledOrder, "receivedOn"> & {
    receivedOn: string;
  })[];
  return rows.map((r) => ({ ...r, receivedOn: isoDate(r.receivedOn) }));
}

/** 青溪县's hotline vocabulary: how citizens name each item, and topics no list covers. */
export function demoVocabulary(countyCode = "QX"): HotlinePhrase[] {
  const data = json("demo-vocabulary.json") as { phrases: Record<string, string[]>; none: string[] };
  return [
    ...Object.entries(data.phrases).flatMap(([itemCode, phrases]) =>
      phrases.map((phrase) => ({ countyCode, itemCode, phrase, source: "VOCABULARY" as const })),
    ),
    ...data.none.map((phrase) => ({ countyCode, itemCode: null, phrase, source: "VOCABULARY" as const })),
  ];
}

/** 青溪县's gazetteer: villages, communities and streets by township. */
export function demoPlaces(countyCode = "QX"): HotlinePlace[] {
  const data = json("demo-places.json") as { places: Record<string, string[]> };
  return Object.entries(data.places).flatMap(([townshipCode, names]) =>
    names.map((name) => ({ countyCode, name, townshipCode })),
  );
}
