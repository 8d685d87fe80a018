/**
 * Values loaded or computed at a revision of the stored data (`dataRevision`), kept between
 * requests while the revision stays the same and dropped as soon as it changes. At most `limit`
 * keys are kept, the least recently used dropped first; a load that fails is not kept.
 * @example const dataset = await counties.get("QX", revision, () => loadCountyDataset(db, "QX"))
 */
export class RevisionCache<V> {
  private readonly entries = new Map<string, { readonly revision: bigint; readonly value: Promise<V> }>();

  constructor(private readonly limit: number) {}

  /** The value of `key` at `revision`: kept, or loaded now (and kept). */
  get(key: string, revision: bigint, load: () => Promise<V>): Promise<V> {
    const known = this.entries.get(key);
    this.entries.delete(key);
    if (known !== undefined && known.revision === revision) {
      this.entries.set(key, known);
      return known.value;
    }
    const value = load();
    this.entries.set(key, { revision, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
