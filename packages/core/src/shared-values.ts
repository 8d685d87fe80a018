// Equal values as one object. A lists workbook repeats an item's content, terms and internal
// assignment on every township's row; kept as one object each, a province's 420,000 entries hold
// a few thousand documents instead of a copy per entry, and whatever serialises or compares them
// later (the store's bulk write, validation) meets each document once.

/**
 * Whether two JSON-like values are equal as `canonicalJson` sees them: key order and fields set to
 * `undefined` do not matter.
 * @example sameJson({ a: 1, b: [2] }, { b: [2], a: 1, c: undefined }) // true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key) || left[key] === undefined) continue;
    if (!sameJson(left[key], right[key])) return false;
    fields++;
  }
  for (const key in right) if (Object.hasOwn(right, key) && right[key] !== undefined) fields--;
  return fields === 0;
}

/**
 * Keeps one object per distinct value: `share` returns the first value met that is equal
 * (`sameJson`) to the one given, under the same key (a key narrows the comparisons, e.g. an item
 * code; values under different keys are never merged).
 * @example const contents = new SharedValues<ItemContent>(); contents.share("MS-001", row.content)
 */
export class SharedValues<T> {
  private readonly byKey = new Map<string, T[]>();

  share(key: string, value: T): T {
    const known = this.byKey.get(key);
    if (known === undefined) {
      this.byKey.set(key, [value]);
      return value;
    }
    for (const candidate of known) if (sameJson(candidate, value)) return candidate;
    known.push(value);
    return value;
  }
}
