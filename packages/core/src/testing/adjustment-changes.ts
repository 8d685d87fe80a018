import {
  type AdjustmentChange,
  type CountyDataset,
  type DutyItem,
  entryInForce,
  GUARANTEE_KINDS,
  type InternalAssignment,
  type IsoDate,
  type ListEntry,
  type ListIndex,
  type ListType,
  listsAsOf,
  type Township,
} from "../index.ts";
import {
  assignmentPool,
  BASIC_TERMS,
  type CatalogueItem,
  type CountyContext,
  categoryOf,
  cooperativeTerms,
  type ItemNamer,
  itemCode,
  itemContent,
  legalBasis,
  reclaimedTerms,
} from "./catalogue.ts";
import type { Random } from "./random.ts";
import {
  type CategoryVocabulary,
  fill,
  GUARANTEE_TEMPLATES,
  TASK_TEMPLATES,
  WAYS_OF_WORKING,
} from "./vocabulary.ts";

/** What the change maker draws items, names and terms from. */
export interface ChangeSources {
  readonly context: CountyContext;
  readonly namer: ItemNamer;
  readonly catalogue: readonly CatalogueItem[];
}

/**
 * What kind of change to make (L3). `ADD_DUTY` adds a basic or cooperative item and
 * `RECLASSIFY_TOWARDS` turns a cooperative item basic: both add duties to the township (L4).
 */
export type ChangePlan = "ADD_DUTY" | "ADD" | "REMOVE" | "RECLASSIFY_AWAY" | "RECLASSIFY_TOWARDS" | "AMEND";

export interface PlannedChange {
  readonly change: AdjustmentChange;
  readonly category: CategoryVocabulary;
}

/**
 * Makes the changes of one adjustment against the lists in force on its effective date, never
 * touching one (township, item) twice (proposeAdjustment refuses that).
 */
export class ChangeMaker {
  private readonly used = new Set<string>();
  private readonly catalogue: ReadonlyMap<string, CatalogueItem>;
  private readonly countyWide: readonly DutyItem[];
  private readonly serials = new Map<string, number>();

  constructor(
    private readonly random: Random,
    private readonly options: ChangeSources,
    dataset: CountyDataset,
    private readonly index: ListIndex,
    private readonly on: IsoDate,
  ) {
    this.catalogue = new Map(options.catalogue.map((c) => [c.item.code, c]));
    this.countyWide = dataset.items.filter((item) => item.townshipCode === null);
    for (const item of dataset.items) {
      const match = /^([A-Z]+)-(\d+)$/u.exec(item.code);
      if (match?.[1] === undefined || match[2] === undefined) continue;
      this.serials.set(match[1], Math.max(this.serials.get(match[1]) ?? 0, Number(match[2])));
    }
  }

  make(plan: ChangePlan, township: Township): PlannedChange | null {
    switch (plan) {
      case "ADD_DUTY":
        return this.add(township, true);
      case "ADD":
        return this.add(township, false);
      case "REMOVE":
        return this.remove(township);
      case "RECLASSIFY_AWAY":
        return this.reclassifyAway(township);
      case "RECLASSIFY_TOWARDS":
        return this.reclassifyTowards(township);
      case "AMEND":
        return this.amend(township);
    }
  }

  private key(townshipCode: string, itemCode: string): string {
    return `${townshipCode}\u0000${itemCode}`;
  }

  private claim(entry: ListEntry): ListEntry {
    this.used.add(this.key(entry.townshipCode, entry.itemCode));
    return entry;
  }

  private pickEntry(township: Township, types: readonly ListType[]): ListEntry | null {
    const lists = listsAsOf(this.index, township.code, this.on);
    const byType: Readonly<Record<ListType, readonly ListEntry[]>> = {
      BASIC: lists.basic,
      COOPERATIVE: lists.cooperative,
      RECLAIMED: lists.reclaimed,
    };
    for (const type of types) {
      const free = byType[type].filter((e) => !this.used.has(this.key(e.townshipCode, e.itemCode)));
      if (free.length > 0) return this.claim(this.random.pick(free));
    }
    return null;
  }

  private category(entry: ListEntry): CategoryVocabulary {
    return categoryOf(this.options.context, entry.content.category);
  }

  private assignment(township: Township, category: CategoryVocabulary): InternalAssignment {
    return this.random.pick(assignmentPool(this.random, township.kind, category).complete);
  }

  private remove(township: Township): PlannedChange | null {
    const entry = this.pickEntry(
      township,
      this.random.shuffle(["BASIC", "COOPERATIVE", "RECLAIMED"] as const),
    );
    if (entry === null) return null;
    return {
      change: { kind: "REMOVE", townshipCode: township.code, itemCode: entry.itemCode },
      category: this.category(entry),
    };
  }

  /** A basic or cooperative item reclaimed to a department (无力为、负不了责). */
  private reclassifyAway(township: Township): PlannedChange | null {
    const types = this.random.chance(0.7)
      ? (["BASIC", "COOPERATIVE"] as const)
      : (["COOPERATIVE", "BASIC"] as const);
    const entry = this.pickEntry(township, types);
    if (entry === null) return null;
    const category = this.category(entry);
    return {
      change: {
        kind: "RECLASSIFY",
        townshipCode: township.code,
        itemCode: entry.itemCode,
        terms: reclaimedTerms(this.random, this.options.context, category),
      },
      category,
    };
  }

  /** A cooperative item the township now does alone: adds duties (L4). */
  private reclassifyTowards(township: Township): PlannedChange | null {
    const entry = this.pickEntry(township, ["COOPERATIVE"]);
    if (entry === null) return null;
    return {
      change: {
        kind: "RECLASSIFY",
        townshipCode: township.code,
        itemCode: entry.itemCode,
        terms: BASIC_TERMS,
      },
      category: this.category(entry),
    };
  }

  private amend(township: Township): PlannedChange | null {
    const entry = this.pickEntry(
      township,
      this.random.shuffle(["BASIC", "COOPERATIVE", "RECLAIMED"] as const),
    );
    if (entry === null) return null;
    const category = this.category(entry);
    const base = { kind: "AMEND", townshipCode: township.code, itemCode: entry.itemCode } as const;
    const terms = entry.terms;
    switch (terms.type) {
      case "BASIC": {
        if (entry.assignment?.leadingPost == null || entry.assignment.office == null) {
          // Fills the gap the L7 report found.
          return { change: { ...base, assignment: this.assignment(township, category) }, category };
        }
        const content = this.random.chance(0.5)
          ? { ...entry.content, basis: [...entry.content.basis, ...legalBasis(this.random, category)] }
          : {
              ...entry.content,
              tasks: [
                ...entry.content.tasks,
                fill(this.random.pick(TASK_TEMPLATES.BASIC), entry.content.name),
              ],
            };
        return { change: { ...base, content }, category };
      }
      case "COOPERATIVE": {
        const missing = GUARANTEE_KINDS.filter((kind) => !terms.guarantees.some((g) => g.kind === kind));
        if (missing.length === 0)
          return { change: { ...base, terms: { ...terms, guarantees: [] } }, category };
        const kind = this.random.pick(missing);
        const guarantee = { kind, description: fill(GUARANTEE_TEMPLATES[kind], entry.content.name) };
        return {
          change: { ...base, terms: { ...terms, guarantees: [...terms.guarantees, guarantee] } },
          category,
        };
      }
      case "RECLAIMED": {
        const others = WAYS_OF_WORKING.filter((way) => way !== terms.wayOfWorking);
        return { change: { ...base, terms: { ...terms, wayOfWorking: this.random.pick(others) } }, category };
      }
    }
  }

  /** A catalogue item the township does not list yet, or an item new to the catalogue. */
  private add(township: Township, dutyOnly: boolean): PlannedChange {
    if (this.random.chance(0.6)) {
      const candidates = this.countyWide.filter(
        (item) =>
          !this.used.has(this.key(township.code, item.code)) &&
          entryInForce(this.index, township.code, item.code, this.on) === null,
      );
      if (candidates.length > 0) {
        const item = this.random.pick(candidates);
        this.used.add(this.key(township.code, item.code));
        const category = categoryOf(this.options.context, item.content.category);
        const catalogued = this.catalogue.get(item.code);
        const usual = catalogued?.usual ?? "BASIC";
        const type: ListType = dutyOnly && usual === "RECLAIMED" ? "COOPERATIVE" : usual;
        const terms =
          catalogued?.terms[type] ??
          (type === "COOPERATIVE"
            ? cooperativeTerms(this.random, this.options.context, category, item.content.name)
            : BASIC_TERMS);
        // No content: the entry lists the catalogue's own content object.
        const change: AdjustmentChange = {
          kind: "ADD",
          townshipCode: township.code,
          itemCode: item.code,
          terms,
          ...(type === "RECLAIMED" ? {} : { assignment: this.assignment(township, category) }),
        };
        return { change, category };
      }
    }
    return this.addNewItem(township, dutyOnly);
  }

  private addNewItem(township: Township, dutyOnly: boolean): PlannedChange {
    const { context, namer } = this.options;
    const category = this.random.pick(context.categories);
    const type: ListType = this.random.pick(
      dutyOnly ? ["BASIC", "COOPERATIVE"] : ["BASIC", "COOPERATIVE", "RECLAIMED"],
    );
    const { name, object } = namer.next(category, type);
    const serial = (this.serials.get(category.prefix) ?? 0) + 1;
    this.serials.set(category.prefix, serial);
    const code = itemCode(category, serial);
    this.used.add(this.key(township.code, code));
    const content = itemContent(this.random, category, name, object, type);
    const change: AdjustmentChange =
      type === "RECLAIMED"
        ? {
            kind: "ADD",
            townshipCode: township.code,
            itemCode: code,
            terms: reclaimedTerms(this.random, context, category),
            content,
          }
        : {
            kind: "ADD",
            townshipCode: township.code,
            itemCode: code,
            terms: type === "BASIC" ? BASIC_TERMS : cooperativeTerms(this.random, context, category, object),
            content,
            assignment: this.assignment(township, category),
          };
    return { change, category };
  }
}
