// H1: a work order's text matched to the duty items of its county by BM25 ranking (MiniSearch) over
// jieba terms, then dispatched by the lists of its township on the day it was received.

import {
  buildDirectory,
  buildListIndex,
  type CountyDataset,
  type CountyDirectory,
  type Dispatch,
  type DispatchParty,
  dispatchByLists,
  dispatchDesk,
  entryInForce,
  type IsoDate,
  type ListIndex,
  unassignedDispatch,
} from "@dutylist/core";
import MiniSearch from "minisearch";
import { OrderClassifier } from "./classifier.ts";
import {
  DEFAULT_SETTINGS,
  FIELDS,
  type HotlinePhrase,
  type HotlinePlace,
  type MatchCandidate,
  type MatcherSettings,
  NONE_TOPIC,
  type WorkOrderMatch,
} from "./matcher-types.ts";
import { BIGRAM, bigramsOf, queryTerms, termsOf, termsWithCharacters } from "./segment.ts";

export {
  DEFAULT_SETTINGS,
  type HotlinePhrase,
  type HotlinePlace,
  type MatchCandidate,
  type MatcherSettings,
  NONE_TOPIC,
  type WorkOrderMatch,
} from "./matcher-types.ts";

interface Doc {
  readonly id: number;
  readonly countyCode: string;
  readonly itemCode: string;
  readonly name: string;
  readonly tasks: string;
  readonly category: string;
  readonly parts: string;
  readonly phrase: string;
  /** A handled order's words (a correction, a confirmed dispatch): longer and noisier than a phrase. */
  readonly order: string;
}

interface CountyState {
  readonly dataset: CountyDataset;
  readonly index: ListIndex;
  readonly directory: CountyDirectory;
  readonly desk: DispatchParty;
  readonly places: readonly HotlinePlace[];
}

/** What an entry adds to its item's text: cooperation content, the department's duty, the way of working. */
function entryParts(dataset: CountyDataset): Map<string, Set<string>> {
  const parts = new Map<string, Set<string>>();
  for (const e of dataset.entries) {
    const set = parts.get(e.itemCode) ?? new Set<string>();
    parts.set(e.itemCode, set);
    const t = e.terms;
    if (t.type === "COOPERATIVE") {
      for (const c of t.cooperationContent) set.add(c);
      if (t.departmentDuty !== undefined) set.add(t.departmentDuty);
    } else if (t.type === "RECLAIMED" && t.wayOfWorking !== undefined) set.add(t.wayOfWorking);
  }
  return parts;
}

/**
 * The hotline's matcher over one or more counties' catalogues: an item document per item (name,
 * tasks, category, the entries' cooperation content and ways of working) and a document per phrase
 * (vocabulary) or per handled order (corrections). An item's score adds up its best documents'.
 */
export class HotlineMatcher {
  /** One index per county: an order is only ever matched within its county's catalogue. */
  private readonly indexes = new Map<string, MiniSearch<Doc>>();
  /** Per county: in how many documents each single character occurs, and how many documents. */
  private readonly characters = new Map<string, { counts: Map<string, number>; docs: number }>();
  private readonly counties = new Map<string, CountyState>();
  /** Per county: the naive Bayes learnt from its handled orders. */
  private readonly classifiers = new Map<string, OrderClassifier>();
  private nextId = 0;

  constructor(private readonly settings: MatcherSettings = DEFAULT_SETTINGS) {}

  /**
   * Counts a document's characters and character pairs (each once) for the county's cut of
   * common characters and of pairs no document has.
   */
  private countCharacters(countyCode: string, doc: Doc): void {
    let c = this.characters.get(countyCode);
    if (c === undefined) {
      c = { counts: new Map(), docs: 0 };
      this.characters.set(countyCode, c);
    }
    c.docs++;
    const text = `${doc.name}。${doc.tasks}。${doc.category}。${doc.parts}。${doc.phrase}。${doc.order}`;
    const seen = new Set<string>(text);
    if (this.settings.bigrams) for (const pair of bigramsOf(text)) seen.add(pair);
    for (const t of seen) c.counts.set(t, (c.counts.get(t) ?? 0) + 1);
  }

  /**
   * Whether a query term is worth a posting-list walk: every word; a single character or a
   * character pair unless it occurs in more than `commonCharacterShare` of the county's documents
   * (its BM25 weight is then small, and its walk the longest); a pair only if some document has it
   * (most of a text's pairs are in no document, and each costs a lookup).
   */
  private worthSearching(countyCode: string, term: string): boolean {
    const pair = term.startsWith(BIGRAM);
    if (term.length > 1 && !pair) return true;
    const c = this.characters.get(countyCode);
    if (c === undefined) return !pair;
    const n = c.counts.get(term) ?? 0;
    if (pair) return n > 0 && n <= c.docs * this.settings.commonPairShare;
    return n <= c.docs * this.settings.commonCharacterShare;
  }

  private indexOf(countyCode: string): MiniSearch<Doc> {
    let index = this.indexes.get(countyCode);
    if (index === undefined) {
      index = new MiniSearch<Doc>({
        fields: [...FIELDS],
        storeFields: ["itemCode"],
        tokenize: (text) => termsWithCharacters(text, this.settings),
        processTerm: (term) => term,
        searchOptions: { boost: { ...this.settings.boost }, combineWith: "OR" },
      });
      this.indexes.set(countyCode, index);
    }
    return index;
  }

  /** Adds a county's catalogue, its phrases and its places. */
  addCounty(
    dataset: CountyDataset,
    phrases: readonly HotlinePhrase[],
    places: readonly HotlinePlace[],
  ): void {
    const code = dataset.county.code;
    const parts = entryParts(dataset);
    this.counties.set(code, {
      dataset,
      index: buildListIndex(dataset.entries),
      directory: buildDirectory(dataset),
      desk: dispatchDesk(dataset.county),
      places: [
        ...dataset.townships.map((t) => ({ countyCode: code, name: t.name, townshipCode: t.code })),
        ...places,
      ].sort((a, b) => b.name.length - a.name.length),
    });
    const docs: Doc[] = dataset.items.map((item) => ({
      id: this.nextId++,
      countyCode: code,
      itemCode: item.code,
      name: item.content.name,
      tasks: item.content.tasks.join("。"),
      category: item.content.category,
      parts: [...(parts.get(item.code) ?? [])].join("。"),
      phrase: "",
      order: "",
    }));
    this.indexOf(code).addAll(docs);
    for (const doc of docs) this.countCharacters(code, doc);
    for (const p of phrases) this.addPhrase(p);
  }

  /**
   * A vocabulary phrase, or a handled order (an operator's correction, a confirmed dispatch): from
   * now on searchable, and a handled order also learnt by the county's naive Bayes.
   */
  addPhrase(p: HotlinePhrase): void {
    const handled = p.source !== "VOCABULARY";
    if (handled || this.settings.learntVocabulary) this.learn(p);
    if (handled && !this.settings.ordersSearched) return;
    const doc: Doc = {
      id: this.nextId++,
      countyCode: p.countyCode,
      itemCode: p.itemCode ?? NONE_TOPIC,
      name: "",
      tasks: "",
      category: "",
      parts: "",
      phrase: p.source === "VOCABULARY" ? p.phrase : "",
      order: p.source === "VOCABULARY" ? "" : p.phrase,
    };
    this.indexOf(p.countyCode).add(doc);
    this.countCharacters(p.countyCode, doc);
  }

  /** A phrase's terms, as an order's are read, learnt with its item by the county's naive Bayes. */
  private learn(p: HotlinePhrase): void {
    let classifier = this.classifiers.get(p.countyCode);
    if (classifier === undefined) {
      classifier = new OrderClassifier(this.settings.learntAlpha);
      this.classifiers.set(p.countyCode, classifier);
    }
    const query = this.withoutPlaces(p.countyCode, p.phrase);
    classifier.learn(p.itemCode ?? NONE_TOPIC, queryTerms(query, this.settings).keys());
  }

  /**
   * The search's ranking with the naive Bayes posteriors added: each class gains `learntWeight`
   * times the best search score times its posterior, so the search's scale (and its thresholds)
   * stays, and the handled orders move items within it.
   */
  private withLearnt(
    countyCode: string,
    ranked: { itemCode: string; score: number }[],
    terms: Iterable<string>,
  ): { itemCode: string; score: number }[] {
    const classifier = this.classifiers.get(countyCode);
    const top = ranked[0]?.score ?? 0;
    if (this.settings.learntWeight === 0 || classifier === undefined || top === 0) return ranked;
    const scores = new Map(ranked.map((r) => [r.itemCode, r.score]));
    const gain = this.settings.learntWeight * top;
    for (const { label, share } of classifier.posteriors(terms, this.settings.learntTemperature))
      scores.set(label, (scores.get(label) ?? 0) + gain * share);
    return [...scores.entries()]
      .map(([itemCode, score]) => ({ itemCode, score }))
      .sort((a, b) => b.score - a.score || (a.itemCode < b.itemCode ? -1 : 1));
  }

  /**
   * The township an address lies in, from the township names and the county's places (the longest
   * name found wins); null when none is named, or names in two townships tie.
   */
  townshipOf(countyCode: string, address: string): string | null {
    const county = this.counties.get(countyCode);
    if (county === undefined) return null;
    let found: HotlinePlace | null = null;
    for (const place of county.places) {
      if (!address.includes(place.name)) continue;
      if (found === null) found = place;
      else if (place.name.length < found.name.length) break;
      else if (place.townshipCode !== found.townshipCode) return null;
    }
    return found?.townshipCode ?? null;
  }

  /**
   * The text without the county's place names: 青溪社区 or 马家村 say where, not what, and would
   * otherwise match items whose text names 社区 or 村.
   */
  withoutPlaces(countyCode: string, text: string): string {
    let out = text;
    for (const place of this.counties.get(countyCode)?.places ?? []) out = out.split(place.name).join(" ");
    return out.replace(/[\p{Script=Han}]{1,3}(?:村|社区|镇|乡|街道|小区)/gu, " ");
  }

  /** Items ranked for a text in one county, best first, with their best document's score. */
  rank(countyCode: string, text: string): { itemCode: string; score: number }[] {
    const query = this.withoutPlaces(countyCode, text);
    return this.rankQuery(countyCode, query, termsOf(query));
  }

  /** `rank` for a text without its places, already cut into words. */
  private rankQuery(
    countyCode: string,
    query: string,
    words: readonly string[],
  ): { itemCode: string; score: number }[] {
    const best = new Map<string, number[]>();
    const counts = queryTerms(query, this.settings, words);
    const terms = [...counts.keys()].filter((term) => this.worthSearching(countyCode, term));
    const options = { tokenize: () => terms, boostTerm: (term: string) => counts.get(term) ?? 1 };
    for (const r of this.indexOf(countyCode).search(query, options)) {
      const item = r.itemCode as string;
      const scores = best.get(item);
      if (scores === undefined) best.set(item, [r.score]);
      else if (scores.length < this.settings.topDocs) scores.push(r.score);
    }
    // An item's score: its best documents', the best counting most (results come best first).
    const ranked = [...best.entries()]
      .map(([itemCode, scores]) => ({ itemCode, score: scores.reduce((sum, x, i) => sum + x / (i + 1), 0) }))
      .sort((a, b) => b.score - a.score);
    return this.withLearnt(countyCode, ranked, counts.keys());
  }

  /**
   * H1: matches an order to the items on its township's lists on the day received and dispatches
   * it by the lists. What matches nothing, matches a topic no list covers, or matches an item the
   * township's lists do not have that day, stays at the county's dispatch desk (A11).
   */
  match(order: {
    readonly countyCode: string;
    readonly townshipCode: string | null;
    readonly receivedOn: IsoDate;
    readonly text: string;
  }): WorkOrderMatch {
    const county = this.counties.get(order.countyCode);
    if (county === undefined) throw new Error(`hotline: county ${order.countyCode} is not loaded`);
    const query = this.withoutPlaces(order.countyCode, order.text);
    const terms = termsOf(query);
    const ranked = this.rankQuery(order.countyCode, query, terms);
    const township = order.townshipCode;
    const onLists = (itemCode: string) =>
      township !== null && entryInForce(county.index, township, itemCode, order.receivedOn) !== null;
    const candidates: MatchCandidate[] = [];
    let bestOffLists: MatchCandidate | null = null;
    for (const r of ranked) {
      if (r.itemCode === NONE_TOPIC) continue;
      if (onLists(r.itemCode)) {
        if (candidates.length < 5) candidates.push({ ...r, onLists: true });
      } else if (bestOffLists === null) bestOffLists = { ...r, onLists: false };
    }
    const base = {
      countyCode: order.countyCode,
      townshipCode: township,
      receivedOn: order.receivedOn,
      candidates,
      bestOffLists,
      terms,
    };
    return { ...base, dispatch: this.decide(county, order, ranked, candidates, bestOffLists) };
  }

  private decide(
    county: CountyState,
    order: { readonly townshipCode: string | null; readonly receivedOn: IsoDate },
    ranked: readonly { itemCode: string; score: number }[],
    candidates: readonly MatchCandidate[],
    bestOffLists: MatchCandidate | null,
  ): Dispatch {
    const desk = county.desk;
    if (order.townshipCode === null)
      return unassignedDispatch(desk, "NO_MATCH", "诉求未写明所在乡镇(街道),地址也无法对应到乡镇(街道)");
    const top = ranked.find((r) => r.itemCode !== NONE_TOPIC);
    if (top === undefined || top.score < this.settings.minScore)
      return unassignedDispatch(desk, "NO_MATCH", "诉求与本县任何履职事项都不相符");
    const none = ranked.find((r) => r.itemCode === NONE_TOPIC);
    if (none !== undefined && none.score >= top.score * this.settings.noneMargin)
      return unassignedDispatch(desk, "NO_MATCH", "诉求属于清单未列的事项(与已知的非清单诉求最相近)");
    const first = candidates[0];
    if (
      first === undefined ||
      (bestOffLists !== null && first.score < bestOffLists.score * this.settings.onListsMargin)
    ) {
      const off = bestOffLists ?? top;
      return dispatchByLists(
        county.index,
        county.directory,
        desk,
        order.townshipCode,
        order.receivedOn,
        off.itemCode,
      );
    }
    return dispatchByLists(
      county.index,
      county.directory,
      desk,
      order.townshipCode,
      order.receivedOn,
      first.itemCode,
    );
  }
}
