// H1: a supervised reading of an order, learnt from the county's handled orders (the desk's
// corrections and the dispatches it confirmed): a multinomial naive Bayes over the order's terms
// (jieba words, their characters, overlapping character pairs), each term counted once per order.
// It is trained as orders arrive (one update per order, no pass over the others), so it costs
// nothing at the matcher's build beyond reading the orders once.

/**
 * A naive Bayes classifier over sets of terms, with additive smoothing. Its classes are item codes
 * (or the topic no list covers). Scores are log-probabilities up to a constant; `posteriors`
 * turns them into shares that add up to 1.
 */
export class OrderClassifier {
  /** Per term: in how many of each class's orders it occurs. */
  private readonly termCounts = new Map<string, Map<string, number>>();
  /** Per class: how many orders, and how many terms they hold in all. */
  private readonly classes = new Map<string, { orders: number; terms: number }>();
  private orders = 0;

  /** @param alpha the additive smoothing of each term's count (Lidstone). */
  constructor(private readonly alpha = 0.1) {}

  /** How many orders it learnt. */
  get size(): number {
    return this.orders;
  }

  /**
   * Learns one handled order: its terms (each counted once) and its final class.
   * @example new OrderClassifier().learn("SL-002", ["抽沙", "²抽沙", "船"])
   */
  learn(label: string, terms: Iterable<string>): void {
    const unique = new Set(terms);
    const c = this.classes.get(label) ?? { orders: 0, terms: 0 };
    c.orders++;
    c.terms += unique.size;
    this.classes.set(label, c);
    this.orders++;
    for (const t of unique) {
      let counts = this.termCounts.get(t);
      if (counts === undefined) {
        counts = new Map();
        this.termCounts.set(t, counts);
      }
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }

  /**
   * Each class's share for an order's terms (adding up to 1), best first; empty before any order
   * was learnt. A `temperature` above 1 flattens the shares (naive Bayes is overconfident: its
   * terms are not independent).
   * @example
   * const c = new OrderClassifier();
   * c.learn("SL-002", ["抽沙", "船"]);
   * c.learn("SL-001", ["垃圾", "河"]);
   * c.posteriors(["抽沙"])[0]?.label // "SL-002"
   */
  posteriors(terms: Iterable<string>, temperature = 1): { label: string; share: number }[] {
    if (this.orders === 0) return [];
    // A term no learnt order had says nothing about the classes: left out, as naive Bayes does.
    const unique = [...new Set(terms)].filter((t) => this.termCounts.has(t));
    const vocabulary = this.termCounts.size;
    const logs = new Map<string, number>();
    for (const [label, c] of this.classes) {
      // log P(c) + Σ over the order's terms of log P(t | c), every term as if unseen in c ...
      const denominator = Math.log(c.terms + this.alpha * vocabulary);
      logs.set(
        label,
        Math.log(c.orders / this.orders) + unique.length * (Math.log(this.alpha) - denominator),
      );
    }
    // ... then corrected for the terms each class has seen.
    for (const t of unique) {
      const counts = this.termCounts.get(t);
      if (counts === undefined) continue;
      for (const [label, n] of counts)
        logs.set(label, (logs.get(label) ?? 0) + Math.log((n + this.alpha) / this.alpha));
    }
    let max = Number.NEGATIVE_INFINITY;
    for (const v of logs.values()) if (v > max) max = v;
    let sum = 0;
    const out: { label: string; share: number }[] = [];
    for (const [label, v] of logs) {
      const e = Math.exp((v - max) / temperature);
      sum += e;
      out.push({ label, share: e });
    }
    for (const o of out) o.share /= sum;
    return out.sort((a, b) => b.share - a.share || (a.label < b.label ? -1 : 1));
  }
}
