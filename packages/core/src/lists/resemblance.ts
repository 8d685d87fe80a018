import type { IsoDate } from "../base/calendar-date.ts";
import type { ListIndex } from "./list-index.ts";
import { listsAsOf } from "./lists-as-of.ts";

/** Something proposed to townships that L6 compares with what was reclaimed from them. */
export interface Proposal {
  /** Where the proposal is, e.g. `ADJ-2025-07 第2项变更` or `TT-2025-03`. */
  readonly ref: string;
  readonly townshipCodes: readonly string[];
  /** Item codes the proposal itself concerns (a reclassification of a reclaimed item is not disguised). */
  readonly itemCodes: readonly string[];
  readonly name: string;
  readonly tasks: readonly string[];
}

/** A proposal that closely resembles an item reclaimed from the township (明减暗增, L6). */
export interface ResemblanceFlag {
  readonly ruleId: "L6";
  readonly proposalRef: string;
  readonly townshipCode: string;
  readonly reclaimedEntryId: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly receivingDepartment: string;
  /** Dice similarity of character bigrams, 0–1, of the closer of name and tasks. */
  readonly similarity: number;
  readonly matchedOn: "NAME" | "TASKS";
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
 * Flags proposals that closely resemble an item reclaimed from one of their townships on `date`
 * — the same name, or the same tasks under a new name (L6). Flags are for review, not refusals.
 * @example findResemblances([{ ref: "TT-1", townshipCodes: ["CGZ"], itemCodes: [], name: "违法建设查处", tasks: [] }], index, date)
 */
export function findResemblances(
  proposals: readonly Proposal[],
  index: ListIndex,
  date: IsoDate,
  options: FindResemblancesOptions = {},
): ResemblanceFlag[] {
  const threshold = options.threshold ?? 0.6;
  const flags: ResemblanceFlag[] = [];
  for (const proposal of proposals) {
    const proposedTasks = proposal.tasks.join(";");
    for (const townshipCode of proposal.townshipCodes) {
      for (const entry of listsAsOf(index, townshipCode, date).reclaimed) {
        if (entry.terms.type !== "RECLAIMED" || proposal.itemCodes.includes(entry.itemCode)) continue;
        const byName = textSimilarity(proposal.name, entry.content.name);
        const byTasks =
          proposedTasks.length === 0 ? 0 : textSimilarity(proposedTasks, entry.content.tasks.join(";"));
        const similarity = Math.max(byName, byTasks);
        if (similarity < threshold) continue;
        const matchedOn = byName >= byTasks ? "NAME" : "TASKS";
        flags.push({
          ruleId: "L6",
          proposalRef: proposal.ref,
          townshipCode,
          reclaimedEntryId: entry.id,
          itemCode: entry.itemCode,
          itemName: entry.content.name,
          receivingDepartment: entry.terms.receivingDepartment,
          similarity,
          matchedOn,
          message: `${proposal.ref}「${proposal.name}」的${matchedOn === "NAME" ? "名称" : "工作内容"}与乡镇 ${townshipCode} 已收回至 ${entry.terms.receivingDepartment} 的事项 ${entry.itemCode}「${entry.content.name}」相似度 ${Math.round(similarity * 100)}%,疑似明减暗增,请审查(规则L6)`,
        });
      }
    }
  }
  return flags;
}
