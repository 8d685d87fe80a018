import {
  type DutyItem,
  type EntryTerms,
  type InternalAssignment,
  type IsoDate,
  LIST_TYPES,
  type ListEntry,
  type ListType,
  type Township,
} from "../index.ts";
import {
  type AssignmentPool,
  BASIC_TERMS,
  type CatalogueItem,
  type CountyContext,
  cooperativeTerms,
  type ItemNamer,
  itemContent,
} from "./catalogue.ts";
import type { Random } from "./random.ts";
import { TOWNSHIP_SPECIALS } from "./vocabulary.ts";

/*
 * What each township lists in the baseline (L1): how many entries of each type, which
 * catalogue items with which type, its own items (一镇一策), and who inside does them (L7).
 */

/** Share of (township, item) pairs where the township lists the item with another type than usual. */
const UNUSUAL_TYPE_RATE = 0.1;
/** Per-township counts vary with this standard deviation, clamped to ±15 %. */
const TOWNSHIP_SD = 0.075;
const TOWNSHIP_SPREAD = 0.15;
/** Share of basic and cooperative entries left without (or with an incomplete) internal assignment (L7). */
const UNASSIGNED_RATE = 0.03;

export interface SpecialItem {
  readonly item: DutyItem;
  readonly terms: EntryTerms;
}

/**
 * One-township items (一镇一策, L1): 0–2 per township, and at least one in the county.
 * @example buildSpecialItems(random, context, namer, townships).get("SYN1-T04") // [{ item: { code: "T04-TS-01", … }, … }]
 */
export function buildSpecialItems(
  random: Random,
  context: CountyContext,
  namer: ItemNamer,
  townships: readonly Township[],
): Map<string, SpecialItem[]> {
  const counts = townships.map((): number => {
    const draw = random.next();
    return draw < 0.5 ? 0 : draw < 0.85 ? 1 : 2;
  });
  if (!counts.some((n) => n > 0) && townships.length > 0) counts[random.int(0, townships.length - 1)] = 1;
  const byTownship = new Map<string, SpecialItem[]>();
  townships.forEach((township, i) => {
    const specials: SpecialItem[] = [];
    for (const special of random.sample(TOWNSHIP_SPECIALS, counts[i] ?? 0)) {
      const category = context.categoryByName.get(special.category) ?? random.pick(context.categories);
      const place = township.name.replace(/(镇|乡|街道)$/u, "");
      const name = `${place}${special.name}`;
      namer.reserve([name]);
      const type: ListType = random.chance(0.7) ? "BASIC" : "COOPERATIVE";
      // `SYN1-T04` → `T04-TS-01`, like the demo county's `SM-TS-001`.
      const local = township.code.slice(context.countyCode.length + 1);
      specials.push({
        item: {
          code: `${local}-TS-${String(specials.length + 1).padStart(2, "0")}`,
          countyCode: context.countyCode,
          townshipCode: township.code,
          content: itemContent(random, category, name, special.name, type),
        },
        terms: type === "BASIC" ? BASIC_TERMS : cooperativeTerms(random, context, category, special.name),
      });
    }
    byTownship.set(township.code, specials);
  });
  return byTownship;
}

/** The number of entries of each type a township should list: the mean ±15 %. */
function townshipTargets(
  random: Random,
  means: Readonly<Record<ListType, number>>,
): Record<ListType, number> {
  const target = (mean: number) =>
    random.normalInt(mean, mean * TOWNSHIP_SD, {
      min: Math.round(mean * (1 - TOWNSHIP_SPREAD)),
      max: Math.round(mean * (1 + TOWNSHIP_SPREAD)),
    });
  return {
    BASIC: target(means.BASIC),
    COOPERATIVE: target(means.COOPERATIVE),
    RECLAIMED: target(means.RECLAIMED),
  };
}

const TYPE_INDEX: Readonly<Record<ListType, number>> = { BASIC: 0, COOPERATIVE: 1, RECLAIMED: 2 };

/**
 * Chooses which catalogue items a township lists and with which type: mostly the item's usual
 * type, sometimes another, with exactly the target count per type. Returns, per catalogue index,
 * the type's index or -1 for an item the township does not list.
 */
function chooseTownshipTypes(
  random: Random,
  catalogue: readonly CatalogueItem[],
  targets: Readonly<Record<ListType, number>>,
): Int8Array {
  const chosen = new Int8Array(catalogue.length).fill(-1);
  const buckets: number[][] = [[], [], []];
  catalogue.forEach((entry, i) => {
    let type = TYPE_INDEX[entry.usual];
    if (random.chance(UNUSUAL_TYPE_RATE)) type = (type + random.int(1, 2)) % 3;
    buckets[type]?.push(i);
  });
  const shortfall: number[] = [0, 0, 0];
  LIST_TYPES.forEach((type, t) => {
    const bucket = buckets[t] ?? [];
    const take = Math.min(targets[type], bucket.length);
    for (const i of random.sample(bucket, take)) chosen[i] = t;
    shortfall[t] = targets[type] - take;
  });
  // A type short of candidates takes items the township does not list yet.
  if (shortfall.some((n) => n > 0)) {
    const spare = random.shuffle(catalogue.map((_, i) => i).filter((i) => chosen[i] === -1));
    shortfall.forEach((n, t) => {
      for (let k = 0; k < n && spare.length > 0; k++) {
        const i = spare.pop();
        if (i !== undefined) chosen[i] = t;
      }
    });
  }
  return chosen;
}

export interface ListContext {
  readonly countyCode: string;
  readonly publicationId: string;
  readonly baselineDate: IsoDate;
  readonly catalogue: readonly CatalogueItem[];
  readonly assignments: ReadonlyMap<string, AssignmentPool>;
}

function pickAssignment(random: Random, pool: AssignmentPool | undefined): InternalAssignment | null {
  if (pool === undefined) return null;
  if (random.chance(UNASSIGNED_RATE)) return random.chance(2 / 3) ? null : pool.partial;
  return random.pick(pool.complete);
}

/**
 * A township's baseline entries: its catalogue items with their types, then its own items, all
 * opened by the baseline publication and sharing the item's content and terms objects.
 * @example townshipEntries(random, township, specials, NATIONAL_AVERAGES, listContext).length // ≈ 340
 */
export function townshipEntries(
  random: Random,
  township: Township,
  specials: readonly SpecialItem[],
  means: Readonly<Record<ListType, number>>,
  context: ListContext,
): ListEntry[] {
  const targets = townshipTargets(random, means);
  for (const special of specials) {
    targets[special.terms.type] = Math.max(0, targets[special.terms.type] - 1);
  }
  const chosen = chooseTownshipTypes(random, context.catalogue, targets);
  const entry = (item: DutyItem, terms: EntryTerms): ListEntry => ({
    id: `${township.code}/${item.code}`,
    countyCode: context.countyCode,
    townshipCode: township.code,
    itemCode: item.code,
    terms,
    // The same object as the item's: a province holds some 420,000 entries.
    content: item.content,
    assignment:
      terms.type === "RECLAIMED"
        ? null
        : pickAssignment(random, context.assignments.get(`${township.kind}/${item.content.category}`)),
    effectiveFrom: context.baselineDate,
    effectiveTo: null,
    openedBy: context.publicationId,
    closedBy: null,
  });
  const entries: ListEntry[] = [];
  context.catalogue.forEach((catalogued, i) => {
    const type = LIST_TYPES[chosen[i] ?? -1];
    if (type !== undefined) entries.push(entry(catalogued.item, catalogued.terms[type]));
  });
  for (const special of specials) entries.push(entry(special.item, special.terms));
  return entries;
}
