import {
  type BasicTerms,
  type CooperativeTerms,
  type Department,
  type DutyItem,
  type EntryTerms,
  GUARANTEE_KINDS,
  type InternalAssignment,
  type ItemContent,
  type LegalCitation,
  LIST_TYPES,
  type ListType,
  type ReclaimedTerms,
  type TownshipKind,
} from "../index.ts";
import type { Random } from "./random.ts";
import {
  ACTIONS,
  ASSISTING_UNITS,
  type CategoryVocabulary,
  COOPERATION_TEMPLATES,
  chineseNumber,
  DEPARTMENT_DUTY_TEMPLATES,
  fill,
  GUARANTEE_TEMPLATES,
  postTitle,
  TASK_TEMPLATES,
  WAYS_OF_WORKING,
} from "./vocabulary.ts";

/** What the generator knows about the county it is building, shared by every phase. */
export interface CountyContext {
  readonly countyCode: string;
  readonly countyName: string;
  /** One character of the county's name, as in document numbers (青政办发〔2025〕3号). */
  readonly countyShortName: string;
  readonly categories: readonly CategoryVocabulary[];
  readonly categoryByName: ReadonlyMap<string, CategoryVocabulary>;
  /** For each category name: the county's departments that lead or receive its items. */
  readonly departmentsByCategory: ReadonlyMap<string, readonly string[]>;
  readonly departments: readonly Department[];
}

/** A county-wide catalogue item with its usual list type and its terms for every type. */
export interface CatalogueItem {
  readonly item: DutyItem;
  readonly usual: ListType;
  /** Built once and shared by every entry listing the item with that type (memory: L1 at scale). */
  readonly terms: Readonly<Record<ListType, EntryTerms>>;
}

/** Basic terms carry nothing, so one object serves every basic entry. */
export const BASIC_TERMS: BasicTerms = { type: "BASIC" };

/**
 * The county's departments for a category: its usual ones that exist here, else all of them.
 * @example departmentsForCategory(应急管理, departments) // ["YJGLJ", "XFJY", "SLJ"]
 */
export function departmentsForCategory(
  category: CategoryVocabulary,
  departments: readonly Department[],
): readonly string[] {
  const present = new Set(departments.map((d) => d.code));
  const usual = category.departments.filter((code) => present.has(code));
  return usual.length > 0 ? usual : departments.map((d) => d.code);
}

function departmentsOf(context: CountyContext, category: CategoryVocabulary): readonly string[] {
  return context.departmentsByCategory.get(category.name) ?? context.departments.map((d) => d.code);
}

/**
 * The category vocabulary of a content's category (items outside the vocabulary fall back to the first).
 * @example categoryOf(context, entry.content.category).office // "社会事务办公室"
 */
export function categoryOf(context: CountyContext, categoryName: string): CategoryVocabulary {
  const found = context.categoryByName.get(categoryName) ?? context.categories[0];
  if (found === undefined) throw new Error("a synthetic county has at least one category");
  return found;
}

/**
 * Terms of a cooperative entry: lead departments, their duty, the township's part, guarantees.
 * @example cooperativeTerms(random, context, category, "森林防火").leadDepartments // ["YJGLJ"]
 */
export function cooperativeTerms(
  random: Random,
  context: CountyContext,
  category: CategoryVocabulary,
  object: string,
): CooperativeTerms {
  const candidates = departmentsOf(context, category);
  const leads = random.sample(candidates, Math.min(candidates.length, random.chance(0.25) ? 2 : 1));
  const lines = random.sample(COOPERATION_TEMPLATES, random.int(1, 3));
  const kinds = random.sample(GUARANTEE_KINDS, random.int(0, 3));
  return {
    type: "COOPERATIVE",
    leadDepartments: leads,
    departmentDuty: fill(random.pick(DEPARTMENT_DUTY_TEMPLATES), object),
    cooperationContent: lines.map((line) => fill(line, object)),
    guarantees: GUARANTEE_KINDS.filter((kind) => kinds.includes(kind)).map((kind) => ({
      kind,
      description: fill(GUARANTEE_TEMPLATES[kind], object),
    })),
  };
}

/**
 * Terms of a reclaimed entry: the department it went to and how the township still works with it.
 * @example reclaimedTerms(random, context, category).wayOfWorking // "发现问题及时报告"
 */
export function reclaimedTerms(
  random: Random,
  context: CountyContext,
  category: CategoryVocabulary,
): ReclaimedTerms {
  return {
    type: "RECLAIMED",
    receivingDepartment: random.pick(departmentsOf(context, category)),
    wayOfWorking: random.pick(WAYS_OF_WORKING),
  };
}

/**
 * A legal basis of one or two citations from the category's laws.
 * @example legalBasis(random, category) // [{ document: "《中华人民共和国消防法》", article: "第三十二条" }]
 */
export function legalBasis(random: Random, category: CategoryVocabulary): LegalCitation[] {
  const documents = random.sample(category.laws, Math.min(category.laws.length, random.chance(0.4) ? 2 : 1));
  return documents.map((document) => {
    const article = `第${chineseNumber(random.int(1, 99))}条`;
    return random.chance(0.3)
      ? { document, article, clause: `第${chineseNumber(random.int(1, 4))}款` }
      : { document, article };
  });
}

/**
 * Content of an item: its tasks follow the type the item usually has.
 * @example itemContent(random, category, "森林防火日常巡查", "森林防火", "BASIC").tasks.length // 1–4
 */
export function itemContent(
  random: Random,
  category: CategoryVocabulary,
  name: string,
  object: string,
  usual: ListType,
): ItemContent {
  const templates = TASK_TEMPLATES[usual];
  return {
    category: category.name,
    name,
    tasks: random.sample(templates, random.int(1, Math.min(4, templates.length))).map((t) => fill(t, object)),
    basis: legalBasis(random, category),
  };
}

/** Hands out item names object + action per (category, type), never twice in one county. */
export class ItemNamer {
  private readonly pools = new Map<string, { readonly names: readonly [string, string][]; used: number }>();
  private readonly taken = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Marks names already in the catalogue as taken. */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.taken.add(name);
  }

  /** The next unused name and its object; past the pool's end, names get a sequence suffix. */
  next(category: CategoryVocabulary, type: ListType): { readonly name: string; readonly object: string } {
    const key = `${category.name}/${type}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      const pairs = category.objects.flatMap((object) =>
        ACTIONS[type].map((action): [string, string] => [object, action]),
      );
      pool = { names: this.random.shuffle(pairs), used: 0 };
      this.pools.set(key, pool);
    }
    for (;;) {
      const pair = pool.names[pool.used % pool.names.length];
      const round = Math.floor(pool.used / pool.names.length);
      pool.used++;
      if (pair === undefined) throw new Error(`no names for ${key}`);
      const [object, action] = pair;
      const name = round === 0 ? `${object}${action}` : `${object}${action}(${round + 1})`;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return { name, object };
      }
    }
  }
}

/**
 * The county-wide catalogue: `sizes[type]` items usually of each type, categories weighted by
 * how often such items sit on each list, coded `<prefix>-<serial>` in list order.
 * @example buildCatalogue(random, context, namer, { BASIC: 147, COOPERATIVE: 124, RECLAIMED: 155 }).length // 426
 */
export function buildCatalogue(
  random: Random,
  context: CountyContext,
  namer: ItemNamer,
  sizes: Readonly<Record<ListType, number>>,
): CatalogueItem[] {
  const drafts: { readonly category: CategoryVocabulary; readonly usual: ListType }[] = [];
  for (const usual of LIST_TYPES) {
    for (let i = 0; i < sizes[usual]; i++) {
      drafts.push({ category: random.pickWeighted(context.categories, (c) => c.weights[usual]), usual });
    }
  }
  const catalogue: CatalogueItem[] = [];
  for (const category of context.categories) {
    const inCategory = random.shuffle(drafts.filter((draft) => draft.category === category));
    inCategory.forEach((draft, i) => {
      const { name, object } = namer.next(category, draft.usual);
      const content = itemContent(random, category, name, object, draft.usual);
      catalogue.push({
        item: {
          code: itemCode(category, i + 1),
          countyCode: context.countyCode,
          townshipCode: null,
          content,
        },
        usual: draft.usual,
        terms: {
          BASIC: BASIC_TERMS,
          COOPERATIVE: cooperativeTerms(random, context, category, object),
          RECLAIMED: reclaimedTerms(random, context, category),
        },
      });
    });
  }
  return catalogue;
}

/** @example itemCode(民生服务, 7) // "MS-007" */
export function itemCode(category: CategoryVocabulary, serial: number): string {
  return `${category.prefix}-${String(serial).padStart(3, "0")}`;
}

/**
 * Internal assignments (L7) for one kind of township and one category: a few shared objects,
 * a complete one per leading post and a partial one without a leading post.
 */
export interface AssignmentPool {
  readonly complete: readonly InternalAssignment[];
  readonly partial: InternalAssignment;
}

/** @example assignmentPool(random, "TOWN", 民生服务).complete[0]?.leadingPost // "分管副镇长" */
export function assignmentPool(
  random: Random,
  kind: TownshipKind,
  category: CategoryVocabulary,
): AssignmentPool {
  const posts =
    category.post === "DEPUTY_HEAD"
      ? (["DEPUTY_HEAD", "HEAD"] as const)
      : [category.post, "DEPUTY_HEAD" as const];
  const complete = posts.map((post) => ({
    leadingPost: postTitle(kind, post),
    office: category.office,
    assistingUnits: random.pick(ASSISTING_UNITS[kind]),
  }));
  return {
    complete,
    partial: {
      leadingPost: null,
      office: category.office,
      assistingUnits: random.pick(ASSISTING_UNITS[kind]),
    },
  };
}
