// The hotline matcher's vocabulary of types: phrases, places, candidates, a matched order, and
// the settings chosen on the tune orders (docs/hotline.md).

import type { Dispatch, IsoDate } from "@dutylist/core";

/** The fields of a searched document: an item's own text, a vocabulary phrase, a handled order. */
export const FIELDS = ["name", "tasks", "category", "parts", "phrase", "order"] as const;

/** An item code, or `NONE_TOPIC` for phrases that no list covers (快递, 物业费 …). */
export const NONE_TOPIC = "∅";

/**
 * A phrase that points to an item (or to no item): the county's hotline vocabulary (how citizens
 * name a duty: 油烟, 烧烤摊, 挖沙船), or a handled order's text with its final item — the
 * machine's dispatch confirmed, or an operator's correction.
 */
export interface HotlinePhrase {
  readonly countyCode: string;
  /** The item it points to, or null for a topic no list covers. */
  readonly itemCode: string | null;
  readonly phrase: string;
  readonly source: "VOCABULARY" | "CORRECTION" | "CONFIRMED";
}

/** A place name (village, community, street) inside a township, for orders that give an address. */
export interface HotlinePlace {
  readonly countyCode: string;
  readonly name: string;
  readonly townshipCode: string;
}

export interface MatchCandidate {
  readonly itemCode: string;
  readonly score: number;
  /** Whether the item is on the township's lists on the day received. */
  readonly onLists: boolean;
}

/** A matched and dispatched order: the candidates ranked, and the dispatch by the lists (H1). */
export interface WorkOrderMatch {
  readonly countyCode: string;
  readonly townshipCode: string | null;
  readonly receivedOn: IsoDate;
  readonly dispatch: Dispatch;
  /** The best items on the township's lists that day, best first (at most five). */
  readonly candidates: readonly MatchCandidate[];
  /** The best item of the whole catalogue, when it is not on the township's lists. */
  readonly bestOffLists: MatchCandidate | null;
  /** The words the order's text was read as (jieba's, places removed), as searched. */
  readonly terms: readonly string[];
}

/**
 * Thresholds and weights, chosen on the labelled orders kept for tuning (their 5-fold check,
 * `evaluate --folds`; docs/hotline.md), never on the held-aside sets.
 */
export interface MatcherSettings {
  /** Below this best score, nothing matched. */
  readonly minScore: number;
  /** An item on the lists within this share of a better one off the lists still wins. */
  readonly onListsMargin: number;
  /** A topic no list covers wins when it scores at least this share of the best item. */
  readonly noneMargin: number;
  /** A single character in more than this share of a county's documents is not searched. */
  readonly commonCharacterShare: number;
  /** A character pair in more than this share of a county's documents is not searched. */
  readonly commonPairShare: number;
  /** How many of an item's best documents its score adds up (the best counting most). */
  readonly topDocs: number;
  /** Whether a word's single characters are searched beside it. */
  readonly characters: boolean;
  /**
   * Whether overlapping character pairs are searched beside the words: they match across jieba's
   * word boundaries and through variants (抽沙子 / 抽沙船).
   */
  readonly bigrams: boolean;
  /** How many times a word counts against each of its characters. */
  readonly wordWeight: number;
  /**
   * How much the supervised reading (naive Bayes over the county's handled orders) adds: an
   * item's score gains this share of the best search score times the item's posterior. 0 leaves
   * the search alone.
   */
  readonly learntWeight: number;
  /** The naive Bayes smoothing of a term's count. */
  readonly learntAlpha: number;
  /** Above 1, flattens the naive Bayes posteriors before they are added. */
  readonly learntTemperature: number;
  /** Whether the vocabulary phrases train the naive Bayes too, beside the handled orders. */
  readonly learntVocabulary: boolean;
  /** Whether handled orders are also searched as documents (field `order`). */
  readonly ordersSearched: boolean;
  /**
   * Field boosts. Vocabulary phrases count as much as an item's name; a handled order's words
   * (corrections) count half as much: they are longer and carry the caller's noise.
   */
  readonly boost: Readonly<Record<(typeof FIELDS)[number], number>>;
}

export const DEFAULT_SETTINGS: MatcherSettings = {
  minScore: 6,
  onListsMargin: 0.6,
  noneMargin: 0.8,
  commonCharacterShare: 0.05,
  commonPairShare: 0.05,
  topDocs: 5,
  characters: true,
  bigrams: true,
  wordWeight: 2,
  learntWeight: 1,
  learntAlpha: 0.1,
  learntTemperature: 3,
  learntVocabulary: true,
  ordersSearched: true,
  boost: { name: 2, tasks: 1.2, category: 0.5, parts: 1, phrase: 2, order: 1 },
};
