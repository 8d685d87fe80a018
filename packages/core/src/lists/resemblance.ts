import type { IsoDate } from "../base/calendar-date.ts";
import type { ListEntry } from "./list-entry.ts";
import type { ListIndex } from "./list-index.ts";
import { listsAsOf } from "./lists-as-of.ts";

/**
 * Something proposed to townships that L6 compares with what was reclaimed in the county: an
 * adjustment's change, a temporary task, an assessment indicator.
 */
export interface Proposal {
  /** Where the proposal is, e.g. `调整 ADJ-2025-07 第2项变更`, `临时任务 TT-2025-03` or `指标 T04-1`. */
  readonly ref: string;
  /** The townships it is proposed to (empty: every township, e.g. an assessment indicator). */
  readonly townshipCodes: readonly string[];
  /** Item codes the proposal itself concerns (a reclassification of a reclaimed item is not disguised). */
  readonly itemCodes: readonly string[];
  readonly name: string;
  readonly tasks: readonly string[];
  /** The township's cooperation content when duties are added "as cooperation work" (配合内容). */
  readonly cooperationContent?: readonly string[];
}

/** A proposal that closely resembles an item reclaimed in the county (明减暗增, L6). */
export interface ResemblanceFlag {
  readonly ruleId: "L6";
  readonly proposalRef: string;
  /**
   * The township whose reclaimed entry is cited: one the proposal is made to when the item was
   * reclaimed there, else the first (by code) it was reclaimed from.
   */
  readonly townshipCode: string;
  readonly reclaimedEntryId: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly receivingDepartment: string;
  /** Dice similarity of character bigrams, 0–1, of the closest of name, tasks and cooperation content. */
  readonly similarity: number;
  readonly matchedOn: "NAME" | "TASKS" | "COOPERATION_CONTENT";
  readonly message: string;
}

export interface FindResemblancesOptions {
  /** Flag at or above this similarity; default 0.6. */
  readonly threshold?: number;
}

const NOISE = /[\s\p{P}\p{S}]/gu;

/** Character bigrams of a text without spaces and punctuation: robust for Chinese, which has no word breaks. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(NOISE, "")];
  const grams = new Set<string>();
  if (chars.length === 1 && chars[0] !== undefined) grams.add(chars[0]);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/**
 * Dice coefficient of the character bigrams of two texts: 1 for the same text, 0 for nothing shared.
 * @example textSimilarity("违法建设查处", "违法建设的查处") // ≈ 0.8
 */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/**
 * Every entry reclaimed in the county on `date`, in whichever township (L6 compares proposals to
 * one township with what any department took back anywhere).
 * @example reclaimedInCounty(index, isoDate("2025-10-01")).map((e) => e.itemCode)
 */
export function reclaimedInCounty(index: ListIndex, date: IsoDate): ListEntry[] {
  const reclaimed: ListEntry[] = [];
  for (const townshipCode of [...index.byTownship.keys()].sort())
    reclaimed.push(...listsAsOf(index, townshipCode, date).reclaimed);
  return reclaimed;
}

/**
 * Flags proposals that closely resemble an item reclaimed anywhere in the county on `date` — the
 * same name, the same tasks or cooperation content under a new name (L6). Flags are for review,
 * not refusals.
 * @example findResemblances([{ ref: "TT-1", townshipCodes: ["CGZ"], itemCodes: [], name: "违法建设查处", tasks: [] }], index, date)
 */
export function findResemblances(
  proposals: readonly Proposal[],
  index: ListIndex,
  date: IsoDate,
  options: FindResemblancesOptions = {},
): ResemblanceFlag[] {
  return compareWithReclaimed(proposals, reclaimedInCounty(index, date), options);
}

interface Match {
  readonly entry: ListEntry;
  readonly similarity: number;
  readonly matchedOn: ResemblanceFlag["matchedOn"];
}

/** The closest of name, tasks and cooperation content of a proposal to a reclaimed entry. */
function matchOf(proposal: Proposal, entry: ListEntry): Match {
  const reclaimedTasks = entry.content.tasks.join(";");
  const byName = textSimilarity(proposal.name, entry.content.name);
  const byTasks = proposal.tasks.length === 0 ? 0 : textSimilarity(proposal.tasks.join(";"), reclaimedTasks);
  const content = proposal.cooperationContent ?? [];
  const byContent = content.length === 0 ? 0 : textSimilarity(content.join(";"), reclaimedTasks);
  const similarity = Math.max(byName, byTasks, byContent);
  const matchedOn = byName >= similarity ? "NAME" : byTasks >= similarity ? "TASKS" : "COOPERATION_CONTENT";
  return { entry, similarity, matchedOn };
}

const MATCHED_ON_WORDS: Readonly<Record<ResemblanceFlag["matchedOn"], string>> = {
  NAME: "名称",
  TASKS: "工作内容",
  COOPERATION_CONTENT: "配合内容",
};

/**
 * Flags each proposal against the given reclaimed entries (L6): one flag per reclaimed item, at
 * its closest entry, citing a township the proposal is made to where there is one.
 * @example compareWithReclaimed(proposals, reclaimedInCounty(index, date))
 */
export function compareWithReclaimed(
  proposals: readonly Proposal[],
  reclaimed: readonly ListEntry[],
  options: FindResemblancesOptions = {},
): ResemblanceFlag[] {
  const threshold = options.threshold ?? 0.6;
  const flags: ResemblanceFlag[] = [];
  for (const proposal of proposals) {
    const best = new Map<string, Match>();
    const own = (m: Match) => proposal.townshipCodes.includes(m.entry.townshipCode);
    for (const entry of reclaimed) {
      if (entry.terms.type !== "RECLAIMED" || proposal.itemCodes.includes(entry.itemCode)) continue;
      const match = matchOf(proposal, entry);
      if (match.similarity < threshold) continue;
      const known = best.get(entry.itemCode);
      if (
        known === undefined ||
        match.similarity > known.similarity ||
        (match.similarity === known.similarity && own(match) && !own(known))
      )
        best.set(entry.itemCode, match);
    }
    for (const [itemCode, { entry, similarity, matchedOn }] of best) {
      if (entry.terms.type !== "RECLAIMED") continue;
      const from = new Set(reclaimed.filter((e) => e.itemCode === itemCode).map((e) => e.townshipCode));
      const where = `乡镇 ${entry.townshipCode}${from.size > 1 ? ` 等 ${from.size} 个乡镇` : ""}`;
      flags.push({
        ruleId: "L6",
        proposalRef: proposal.ref,
        townshipCode: entry.townshipCode,
        reclaimedEntryId: entry.id,
        itemCode,
        itemName: entry.content.name,
        receivingDepartment: entry.terms.receivingDepartment,
        similarity,
        matchedOn,
        message: `${proposal.ref}「${proposal.name}」的${MATCHED_ON_WORDS[matchedOn]}与${where} 已收回至 ${entry.terms.receivingDepartment} 的事项 ${itemCode}「${entry.content.name}」相似度 ${Math.round(similarity * 100)}%,疑似明减暗增,请审查(规则L6)`,
      });
    }
  }
  return flags;
}
