// Chinese text into search terms: jieba's search-mode segmentation (jieba-wasm, offline, in
// process), without punctuation, function words and the words every complaint uses.

import { cut_for_search } from "jieba-wasm";

/**
 * Words that say nothing about which duty a complaint is about: function words, the caller's
 * courtesy and urgency, and the hotline's own vocabulary (投诉, 反映, 希望, 政府 …).
 */
const STOP = new Set(
  `的 了 是 在 我 我们 你 你们 他 他们 她 它 这 那 这个 那个 这些 那些 这里 那里 这边 那边 有 没 没有 也 都 就 还 又 和 与 跟 及 或 或者 把 被 让 给 对 从 到 向 往 为 为了 因为 所以 但是 但 可是 而且 如果 就是 还是 一个 一下 一些 什么 怎么 怎么办 为什么 哪 哪里 谁 吗 吧 呢 啊 呀 哦 嗯 哈 啦 嘛 么 着 过 得 地 很 太 非常 特别 真 真的 实在 已经 一直 总是 每次 好几 几次 多次 好多 很多 一点 有点 现在 今天 昨天 前天 最近 上次 之前 以后 然后 后来 时候 时间 天天 每天 晚上 早上 中午 下午 上午 半夜 凌晨 投诉 反映 反应 举报 诉求 来电 市民 群众 老百姓 居民 希望 请 麻烦 帮忙 帮 一下 尽快 赶紧 马上 处理 解决 管 管管 管一管 派人 有关 相关 部门 政府 领导 单位 工作人员 问题 情况 事情 事 东西 说 讲 打 打电话 电话 12345 热线 打过 知道 觉得 感觉 不知道 应该 可以 能 能不能 会 要 想 需要 必须 一定 不 别 不要 不能 不行 行 好 对 这样 那样 这么 那么 自己 大家 人家 别人 家 家里 上 下 里 中 内 外 前 后 边 旁边 附近 一 二 三 四 五 六 七 八 九 十 几 个 次 年 月 日 号 点 多 些 位 名 条 件`.split(
    /\s+/,
  ),
);

const WORD = /[\p{Script=Han}\p{L}\p{N}]/u;

/**
 * The search terms of a text, in order, with repeats (BM25 counts them).
 * @example termsOf("河里全是塑料瓶和死鱼，臭得不行") // ["河里", "全是", "塑料", "塑料瓶", "死", "鱼", "臭"]
 */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of cut_for_search(text.normalize("NFKC").toLowerCase(), true)) {
    const term = raw.trim();
    if (term === "" || !WORD.test(term) || STOP.has(term)) continue;
    out.push(term);
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

/**
 * Search terms with the characters of each Chinese word beside it: a citizen's 烤串 then shares
 * 烤 with 烧烤, 抽沙 shares 沙 with 采砂's neighbours. The word counts more than its characters
 * because it is repeated (BM25 counts it with them).
 */
export function termsWithCharacters(text: string, options: TermOptions = {}): string[] {
  return expandTerms(termsOf(text), text, options);
}

/** `termsWithCharacters` for words already cut from `text` (one jieba call per order). */
export function expandTerms(words: readonly string[], text: string, options: TermOptions = {}): string[] {
  const out: string[] = [];
  for (const term of words) {
    for (let i = 0; i < (options.wordWeight ?? 2); i++) out.push(term);
    if (options.characters !== false && term.length > 1)
      for (const ch of term) if (HAN.test(ch) && !STOP.has(ch)) out.push(ch);
  }
  if (options.bigrams === true) out.push(...bigramsOf(text));
  return out;
}

export interface TermOptions {
  readonly characters?: boolean;
  readonly bigrams?: boolean;
  readonly wordWeight?: number;
}

/** A bigram term is marked so it never merges with a jieba word of the same two characters. */
export const BIGRAM = "²";

/**
 * Overlapping character pairs of each run of Chinese characters: they match across jieba's word
 * boundaries and its mistakes (长岭村到 → 长岭 / 村到), and through variants jieba splits apart
 * (抽沙子 and 抽沙船 share 抽沙).
 * @example bigramsOf("抽沙船") // ["²抽沙", "²沙船"]
 */
export function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize("NFKC").match(/\p{Script=Han}+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!STOP.has(pair)) out.push(`${BIGRAM}${pair}`);
    }
  return out;
}

/**
 * A query's terms, each once, with how often each occurs in `termsWithCharacters` (a word twice,
 * its characters once each). Searching each term once, weighted by its count, scores as BM25 does
 * the repeated terms, without walking a posting list per repeat.
 * @example queryTerms("烤串").get("烤串") // 2
 */
export function queryTerms(
  text: string,
  options: TermOptions = {},
  words: readonly string[] = termsOf(text),
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of expandTerms(words, text, options)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
