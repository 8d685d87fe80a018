import { addDays } from "../base/calendar-date.ts";
import {
  type County,
  type CountyDataset,
  type Department,
  type IsoDate,
  isIsoDate,
  isoDate,
  type ListEntry,
  type ListPublication,
  type ListType,
  type Township,
  type TownshipKind,
} from "../index.ts";
import {
  type AssignmentPool,
  assignmentPool,
  buildCatalogue,
  type CountyContext,
  departmentsForCategory,
  ItemNamer,
} from "./catalogue.ts";
import { applySyntheticAdjustments } from "./list-history.ts";
import { createRandom, type Random } from "./random.ts";
import { registerSyntheticTemporaryTasks } from "./task-ledger.ts";
import { buildSpecialItems, type ListContext, townshipEntries } from "./township-lists.ts";
import { CATEGORIES, CORE_DEPARTMENTS, EXTRA_DEPARTMENTS, PLACE_FIRST, PLACE_SECOND } from "./vocabulary.ts";

/** Options of `generateCounty`; everything but the seed has a default drawn from the seed. */
export interface GenerateCountyOptions {
  /** Any safe integer; the same options always give a deep-equal dataset. */
  readonly seed: number;
  /** Default `SYN<seed>`. */
  readonly countyCode?: string;
  /** Default: 10–30 (the published range of townships per county). */
  readonly townships?: number;
  /** How many of the fifteen categories the county uses; default 9–15. */
  readonly categories?: number;
  /** Mean basic entries per township; default 117 (national average). */
  readonly meanBasic?: number;
  /** Mean cooperative entries per township; default 99. */
  readonly meanCooperative?: number;
  /** Mean reclaimed entries per township; default 124. */
  readonly meanReclaimed?: number;
  /** Default 20–30; at most 34. */
  readonly departments?: number;
  /** Effective date of the baseline publication; default 2025-01-01. */
  readonly baselineDate?: IsoDate;
  /** Published adjustments after the baseline, through the real workflow; default 0. */
  readonly adjustments?: number;
  /** Registered temporary tasks, some closed; default 0. */
  readonly temporaryTasks?: number;
}

/** National averages of entries per township (domain.md): 117 basic, 99 cooperative, 124 reclaimed. */
export const NATIONAL_AVERAGES: Readonly<Record<ListType, number>> = {
  BASIC: 117,
  COOPERATIVE: 99,
  RECLAIMED: 124,
};

/** Default effective date of the baseline publication. */
export const DEFAULT_BASELINE_DATE: IsoDate = isoDate("2025-01-01");

/** Catalogue items per usual type, relative to the mean per township, so townships differ in what they list. */
const CATALOGUE_FACTOR = 1.25;

interface Settings {
  readonly seed: number;
  readonly countyCode: string;
  readonly townships: number;
  readonly categories: number;
  readonly means: Readonly<Record<ListType, number>>;
  readonly departments: number;
  readonly baselineDate: IsoDate;
  readonly adjustments: number;
  readonly temporaryTasks: number;
}

const MAX_DEPARTMENTS = CORE_DEPARTMENTS.length + EXTRA_DEPARTMENTS.length;

function requireCount(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`generateCounty: ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function requireMean(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`generateCounty: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

function resolveSettings(options: GenerateCountyOptions, root: Random): Settings {
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`generateCounty: seed must be a safe integer, got ${options.seed}`);
  }
  const countyCode = options.countyCode ?? `SYN${options.seed}`;
  if (countyCode.trim() === "") throw new RangeError("generateCounty: countyCode must not be blank");
  const baselineDate = options.baselineDate ?? DEFAULT_BASELINE_DATE;
  if (!isIsoDate(baselineDate))
    throw new RangeError(`generateCounty: baselineDate ${baselineDate} is not a date`);
  // Each default has its own stream, so setting one option never changes another's default.
  return {
    seed: options.seed,
    countyCode,
    townships: requireCount("townships", options.townships ?? root.fork("townships").int(10, 30), 1),
    categories: requireCount(
      "categories",
      options.categories ?? root.fork("categories").int(9, 15),
      1,
      CATEGORIES.length,
    ),
    means: {
      BASIC: requireMean("meanBasic", options.meanBasic ?? NATIONAL_AVERAGES.BASIC),
      COOPERATIVE: requireMean("meanCooperative", options.meanCooperative ?? NATIONAL_AVERAGES.COOPERATIVE),
      RECLAIMED: requireMean("meanReclaimed", options.meanReclaimed ?? NATIONAL_AVERAGES.RECLAIMED),
    },
    departments: requireCount(
      "departments",
      options.departments ?? root.fork("departments").int(20, 30),
      1,
      MAX_DEPARTMENTS,
    ),
    baselineDate,
    adjustments: requireCount("adjustments", options.adjustments ?? 0, 0),
    temporaryTasks: requireCount("temporaryTasks", options.temporaryTasks ?? 0, 0),
  };
}

function placeNames(random: Random, count: number): string[] {
  const pairs = PLACE_FIRST.flatMap((a) => PLACE_SECOND.filter((b) => b !== a).map((b) => `${a}${b}`));
  if (count <= pairs.length) return random.sample(pairs, count);
  // More townships than two-syllable names (a province): add three-syllable ones.
  const names = random.shuffle(pairs);
  const taken = new Set(names);
  while (names.length < count) {
    const name = `${random.pick(PLACE_FIRST)}${random.pick(PLACE_FIRST)}${random.pick(PLACE_SECOND)}`;
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
    }
  }
  return names;
}

const KIND_SUFFIX: Readonly<Record<TownshipKind, string>> = {
  TOWN: "镇",
  TOWNSHIP: "乡",
  SUBDISTRICT: "街道",
};

function buildTownships(random: Random, countyCode: string, count: number): Township[] {
  const width = Math.max(2, String(count).length);
  return placeNames(random, count).map((place, i) => {
    const draw = random.next();
    const kind: TownshipKind = draw < 0.6 ? "TOWN" : draw < 0.8 ? "TOWNSHIP" : "SUBDISTRICT";
    return {
      code: `${countyCode}-T${String(i + 1).padStart(width, "0")}`,
      countyCode,
      name: `${place}${KIND_SUFFIX[kind]}`,
      kind,
    };
  });
}

function buildDepartments(random: Random, countyCode: string, count: number): Department[] {
  const chosen =
    count <= CORE_DEPARTMENTS.length
      ? random.sample(CORE_DEPARTMENTS, count)
      : [...CORE_DEPARTMENTS, ...random.sample(EXTRA_DEPARTMENTS, count - CORE_DEPARTMENTS.length)];
  const order = [...CORE_DEPARTMENTS, ...EXTRA_DEPARTMENTS];
  return chosen
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((d) => ({ code: d.code, countyCode, name: d.name }));
}

function buildContext(random: Random, settings: Settings): CountyContext {
  const categories = random
    .sample(CATEGORIES, settings.categories)
    .sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b));
  const departments = buildDepartments(random.fork("departments"), settings.countyCode, settings.departments);
  const countyRandom = random.fork("county");
  const countyShortName = countyRandom.pick(PLACE_FIRST);
  return {
    countyCode: settings.countyCode,
    countyName: `${countyShortName}${countyRandom.pick(PLACE_SECOND)}县`,
    countyShortName,
    categories,
    categoryByName: new Map(categories.map((c) => [c.name, c])),
    departmentsByCategory: new Map(categories.map((c) => [c.name, departmentsForCategory(c, departments)])),
    departments,
  };
}

/**
 * Generates a synthetic county deterministically from a seed: townships with Chinese names,
 * departments, 9–15 categories, a county-wide catalogue with a few one-township items (一镇一策),
 * one baseline publication opening every township's three lists (about 117 basic, 99 cooperative
 * and 124 reclaimed entries per township, ±15 %), and optionally published adjustments (through
 * `proposeAdjustment` → `approveAdjustment` → `publishAdjustment`) and temporary tasks.
 *
 * Codes: townships `<county>-T01`, catalogue items `<category prefix>-001` (e.g. `MS-001`),
 * one-township items `T04-TS-01`, baseline entries `<township>/<item>` (as in the demo county),
 * the publication `<county>-PUB-1`, adjustments `<county>-ADJ-<year>-01`, tasks `<county>-TT-<year>-01`.
 * An item keeps its usual type in most townships; about 10 % of (township, item) pairs differ.
 * About 3 % of basic and cooperative entries lack an internal assignment or its leading post
 * (L7). Entries share their item's content and terms objects, so a province (1,237 townships,
 * ~420,000 entries) fits in memory and generates in well under a second.
 * Adjustments get effective dates strictly after the baseline and increasing, within the
 * baseline's year when it has enough days left.
 * Pure: no clock, no `Math.random`; throws `RangeError` on invalid options and `Error` if the
 * workflow refuses a generated adjustment (a generator bug).
 * @example
 * const dataset = generateCounty({ seed: 7, townships: 12, adjustments: 4 });
 * validateCountyLists(dataset); // []
 */
export function generateCounty(options: GenerateCountyOptions): CountyDataset {
  const root = createRandom(options.seed, "county");
  const settings = resolveSettings(options, root);
  const context = buildContext(root.fork("context"), settings);
  const county: County = { code: context.countyCode, name: context.countyName };
  const townships = buildTownships(root.fork("townships/names"), settings.countyCode, settings.townships);
  const namer = new ItemNamer(root.fork("names"));
  const specials = buildSpecialItems(root.fork("specials"), context, namer, townships);
  const catalogue = buildCatalogue(root.fork("catalogue"), context, namer, {
    BASIC: Math.ceil(settings.means.BASIC * CATALOGUE_FACTOR),
    COOPERATIVE: Math.ceil(settings.means.COOPERATIVE * CATALOGUE_FACTOR),
    RECLAIMED: Math.ceil(settings.means.RECLAIMED * CATALOGUE_FACTOR),
  });

  const assignmentRandom = root.fork("assignments");
  const assignments = new Map<string, AssignmentPool>();
  for (const kind of ["TOWN", "TOWNSHIP", "SUBDISTRICT"] as const) {
    for (const category of context.categories) {
      assignments.set(`${kind}/${category.name}`, assignmentPool(assignmentRandom, kind, category));
    }
  }

  const publicationRandom = root.fork("publication");
  const publishedOn = addDays(settings.baselineDate, -publicationRandom.int(5, 20));
  const publication: ListPublication = {
    id: `${settings.countyCode}-PUB-1`,
    countyCode: settings.countyCode,
    title: `${context.countyName}乡镇(街道)履职事项清单`,
    documentNo: `${context.countyShortName}办发〔${publishedOn.slice(0, 4)}〕${publicationRandom.int(1, 60)}号`,
    publishedOn,
    effectiveFrom: settings.baselineDate,
    recordedOn: publishedOn,
  };

  const listContext: ListContext = {
    countyCode: settings.countyCode,
    publicationId: publication.id,
    baselineDate: settings.baselineDate,
    catalogue,
    assignments,
  };
  const entries: ListEntry[] = [];
  for (const [i, township] of townships.entries()) {
    // One stream per township, by position: the county code renames, it does not reshuffle.
    const townshipRandom = root.fork(`lists/${i}`);
    const own = specials.get(township.code) ?? [];
    for (const entry of townshipEntries(townshipRandom, township, own, settings.means, listContext)) {
      entries.push(entry);
    }
  }

  const baseline: CountyDataset = {
    county,
    townships,
    departments: context.departments,
    items: [...catalogue.map((c) => c.item), ...[...specials.values()].flat().map((s) => s.item)],
    publications: [publication],
    entries,
    adjustments: [],
    temporaryTasks: [],
  };
  const adjusted = applySyntheticAdjustments(baseline, settings.adjustments, {
    random: root.fork("adjustments"),
    context,
    namer,
    catalogue,
    baselineDate: settings.baselineDate,
  });
  return registerSyntheticTemporaryTasks(adjusted, settings.temporaryTasks, {
    random: root.fork("temporary-tasks"),
    context,
    baselineDate: settings.baselineDate,
  });
}
