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
 * A 32-bit hash of a JSON-like value that agrees with `sameJson`: equal values hash alike (an
 * object's fields are combined in any order; fields set to `undefined` are left out).
 * @example jsonHash({ a: 1, b: undefined }) === jsonHash({ a: 1 }) // true
 */
export function jsonHash(value: unknown): number {
  switch (typeof value) {
    case "string":
      return stringHash(value, 0x9e3779b1);
    case "number":
      return stringHash(String(value), 0x85ebca6b);
    case "boolean":
      return value ? 0x27d4eb2f : 0x165667b1;
    case "object": {
      if (value === null) return 0x61c88647;
      if (Array.isArray(value)) {
        let h = 0x3c6ef372 ^ value.length;
        for (const element of value) h = Math.imul(h ^ jsonHash(element), 0x01000193);
        return h;
      }
      // Fields in any order: their hashes are summed.
      let h = 0x7f4a7c15;
      const fields = value as Record<string, unknown>;
      for (const key in fields) {
        if (!Object.hasOwn(fields, key) || fields[key] === undefined) continue;
        h = (h + Math.imul(stringHash(key, 0x2545f491) ^ jsonHash(fields[key]), 0x5bd1e995)) | 0;
      }
      return h;
    }
    default:
      return 0;
  }
}

function stringHash(text: string, seed: number): number {
  let h = seed ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * Keeps one object per distinct value: `share` returns the first value met that is equal
 * (`sameJson`) to the one given, under the same key (values under different keys are never
 * merged). A value equal to the key's last one costs one comparison; any other is found by its
 * hash (`jsonHash`): one pass to hash and one to compare, however many distinct values a key has.
 * @example const contents = new SharedValues<ItemContent>(); contents.share("MS-001", row.content)
 */
export class SharedValues<T> {
  private readonly byKey = new Map<string, Shelf<T>>();

  share(key: string, value: T): T {
    const shelf = this.byKey.get(key);
    if (shelf === undefined) {
      this.byKey.set(key, { last: value, byHash: null });
      return value;
    }
    // The usual row repeats the value its key had last: one comparison, no hash.
    if (sameJson(shelf.last, value)) return shelf.last;
    if (shelf.byHash === null) shelf.byHash = new Map([[jsonHash(shelf.last), [shelf.last]]]);
    const hash = jsonHash(value);
    const known = shelf.byHash.get(hash);
    let shared = value;
    if (known === undefined) shelf.byHash.set(hash, [value]);
    else {
      const equal = known.find((candidate) => sameJson(candidate, value));
      if (equal === undefined) known.push(value);
      else shared = equal;
    }
    shelf.last = shared;
    return shared;
  }
}

/** A key's values: the last one shared, and all of them by hash once there are several. */
interface Shelf<T> {
  last: T;
  byHash: Map<number, T[]> | null;
}
