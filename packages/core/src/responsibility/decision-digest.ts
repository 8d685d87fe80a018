// Decision ids: a fast 96-bit non-cryptographic hash of a typed serialisation of what decided a
// determination. The id names a determination and de-duplicates stored cases; nobody gains from
// forging one, so a cryptographic hash is not needed. It replaced SHA-256 over canonical JSON of
// the whole question, entry and tasks, which cost ~90 µs per determination on province data
// (docs/benchmarks.md, B1) — more than everything else a determination does.
//
// The serialisation is a stream of 32-bit words: every value starts with a tag word (carrying a
// string's or an array's length), strings follow as pairs of UTF-16 code units, so different
// values never serialise alike. Three independent multiply-xor lanes (FNV-1a's step on words,
// with a rotation so high bits reach low ones) absorb the words; MurmurHash3's finaliser mixes
// the lanes at the end. Field order is fixed by the writers below; the writer tables are typed
// with every field of their type, so a new field does not compile until it is hashed.

import type { LegalCitation } from "../county/duty-item.ts";
import type { TaskDecision, TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry } from "../lists/list-entry.ts";
import type { Findings } from "./failure-case.ts";

const P1 = 0x01000193; // FNV-1a's 32-bit prime
const P2 = 0x5bd1e995; // MurmurHash2's multiplier
const P3 = 0x9e3779b1; // 2^32 / φ, odd

const TAG_STRING = 1;
const TAG_NULL = 2;
const TAG_TRUE = 3;
const TAG_FALSE = 4;
const TAG_ARRAY = 5;
const TAG_NUMBER = 6;
const TAG_ABSENT = 7;
const TAG_DIGEST = 8;
/** First tag of `Digest#tag`'s small closed sets (kinds, list types); below it, the value tags. */
const TAG_CODES = 16;

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

// Two hex digits per byte: `Number#toString(16)` costs more than the whole hash.
const HEX_BYTES = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, "0"));

// The char codes of "0"–"9", "a"–"f"; and the codes of an id being built (`tagged96`), reused.
const HEX_DIGITS = Array.from({ length: 16 }, (_, n) => n.toString(16).charCodeAt(0));
const ID_CODES: number[] = [];

/** The word's 8 hex digits' char codes, most significant first. */
function pushHex(codes: number[], word: number): void {
  for (let shift = 28; shift >= 0; shift -= 4) codes.push(HEX_DIGITS[(word >>> shift) & 15] ?? 48);
}

function hex(word: number): string {
  return (
    (HEX_BYTES[(word >>> 24) & 0xff] ?? "") +
    (HEX_BYTES[(word >>> 16) & 0xff] ?? "") +
    (HEX_BYTES[(word >>> 8) & 0xff] ?? "") +
    (HEX_BYTES[word & 0xff] ?? "")
  );
}

/**
 * A streaming 96-bit hash of typed values: write them, then read `hex96()`. Deterministic and the
 * same on every platform (32-bit integer arithmetic only).
 * @example new Digest(1).string("QX-CG").string("2025-05-10").hex96() // 24 hex digits
 */
export class Digest {
  // h1, h2, h3 and the word count: int32 slots, so the hot loop never boxes a number.
  private readonly state = new Int32Array(4);

  constructor(seed = 0) {
    this.reset(seed);
  }

  /** Starts over with `seed`, so one digest serves many values. */
  reset(seed: number): this {
    const state = this.state;
    state[0] = 0x811c9dc5 ^ seed;
    state[1] = 0x2f3c5ad1 ^ Math.imul(seed, P2);
    state[2] = 0x6a09e667 ^ Math.imul(seed, P3);
    state[3] = 0;
    return this;
  }

  private word(w: number): void {
    const state = this.state;
    const h1 = Math.imul((state[0] ?? 0) ^ w, P1);
    const h2 = Math.imul((state[1] ?? 0) ^ w, P2);
    const h3 = Math.imul((state[2] ?? 0) ^ w, P3);
    state[0] = (h1 << 7) | (h1 >>> 25);
    state[1] = (h2 << 13) | (h2 >>> 19);
    state[2] = (h3 << 19) | (h3 >>> 13);
    state[3] = (state[3] ?? 0) + 1;
  }

  /** A string: a tag word with its length, then its code units two to a word. */
  string(text: string): this {
    const state = this.state;
    const n = text.length;
    let w = (n << 4) | TAG_STRING;
    let h1 = Math.imul((state[0] ?? 0) ^ w, P1);
    let h2 = Math.imul((state[1] ?? 0) ^ w, P2);
    let h3 = Math.imul((state[2] ?? 0) ^ w, P3);
    h1 = (h1 << 7) | (h1 >>> 25);
    h2 = (h2 << 13) | (h2 >>> 19);
    h3 = (h3 << 19) | (h3 >>> 13);
    for (let i = 0; i < n; i += 2) {
      // An odd last unit is a word of its own (the length says so).
      w = i + 1 < n ? text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16) : text.charCodeAt(i);
      h1 = Math.imul(h1 ^ w, P1);
      h2 = Math.imul(h2 ^ w, P2);
      h3 = Math.imul(h3 ^ w, P3);
      h1 = (h1 << 7) | (h1 >>> 25);
      h2 = (h2 << 13) | (h2 >>> 19);
      h3 = (h3 << 19) | (h3 >>> 13);
    }
    state[0] = h1;
    state[1] = h2;
    state[2] = h3;
    state[3] = (state[3] ?? 0) + 1 + ((n + 1) >>> 1);
    return this;
  }

  /** A string or null. */
  nullable(text: string | null): this {
    if (text === null) this.word(TAG_NULL);
    else this.string(text);
    return this;
  }

  /** A string, or the mark of an absent optional field. */
  optional(text: string | undefined): this {
    if (text === undefined) this.word(TAG_ABSENT);
    else this.string(text);
    return this;
  }

  /** A boolean, or the mark of an absent optional field. */
  flag(value: boolean | undefined): this {
    this.word(value === undefined ? TAG_ABSENT : value ? TAG_TRUE : TAG_FALSE);
    return this;
  }

  /** An integer in [0, 2^32) (a count, a version number). */
  integer(value: number): this {
    this.word(TAG_NUMBER);
    this.word(value | 0);
    return this;
  }

  /** An array of strings: a tag word with its length, then each string. */
  strings(list: readonly string[]): this {
    this.arrayOf(list.length);
    for (const text of list) this.string(text);
    return this;
  }

  /** An array's tag word with its length; the caller writes the elements. */
  arrayOf(length: number): this {
    this.word((length << 4) | TAG_ARRAY);
    return this;
  }

  /** A 96-bit digest computed before (e.g. an entry's): three words. */
  digest(words: EntryDigest): this {
    this.word(TAG_DIGEST);
    this.word(words[0]);
    this.word(words[1]);
    this.word(words[2]);
    return this;
  }

  /** The lanes mixed into three words (96 bits). */
  words96(): EntryDigest {
    const state = this.state;
    const n = state[3] ?? 0;
    let h1 = (state[0] ?? 0) ^ n;
    let h2 = (state[1] ?? 0) ^ Math.imul(n, P2);
    let h3 = (state[2] ?? 0) ^ Math.imul(n, P3);
    h1 = fmix((h1 + h2 + h3) | 0);
    h2 = fmix((h2 + h1) | 0);
    h3 = fmix((h3 + h1) | 0);
    h1 = (h1 + h2 + h3) | 0;
    return [h1, (h2 + h1) | 0, (h3 + h1) | 0];
  }

  /**
   * One member of a small closed set (a party kind, a list type) by its position in the set:
   * one word instead of the member's text.
   */
  tag(position: number): this {
    this.word(TAG_CODES + position);
    return this;
  }

  /** The first 96 bits as 24 hex digits, after mixing the lanes into each other. */
  hex96(): string {
    const [h1, h2, h3] = this.words96();
    return hex(h1) + hex(h2) + hex(h3);
  }

  /**
   * `prefix` then `hex96()`, built as one string at once (the 24 digits joined from pieces took
   * a dozen allocations per id).
   * @example new Digest(1).string("QX-CG").tagged96("D-") === `D-${new Digest(1).string("QX-CG").hex96()}` // true
   */
  tagged96(prefix: string): string {
    const [h1, h2, h3] = this.words96();
    const codes = ID_CODES;
    codes.length = 0;
    for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
    pushHex(codes, h1);
    pushHex(codes, h2);
    pushHex(codes, h3);
    return String.fromCharCode(...codes);
  }
}

/** A 96-bit digest as three 32-bit words. */
export type EntryDigest = readonly [number, number, number];

type Writers<T> = { readonly [K in keyof T]-?: (d: Digest, value: T) => void };

function writeAll<T>(d: Digest, value: T, writers: readonly ((d: Digest, value: T) => void)[]): void {
  for (const write of writers) write(d, value);
}

// Each table names every field of its type (a new field fails to compile here). The tables'
// order is the serialisation's order.

const LIST_TYPE_TAGS = { BASIC: 0, COOPERATIVE: 1, RECLAIMED: 2, TEMPORARY: 3, OFF_LIST: 4 } as const;

/** Writes a determination's list type as one word. */
export function writeListType(d: Digest, listType: keyof typeof LIST_TYPE_TAGS): void {
  d.tag(LIST_TYPE_TAGS[listType]);
}

/** Writes a party kind as one word. */
export function writePartyKind(d: Digest, kind: "TOWNSHIP" | "DEPARTMENT"): void {
  d.tag(kind === "TOWNSHIP" ? 8 : 9);
}

const CITATION: Writers<LegalCitation> = {
  document: (d, c) => d.string(c.document),
  article: (d, c) => d.optional(c.article),
  clause: (d, c) => d.optional(c.clause),
};
const CITATION_WRITERS = Object.values(CITATION);

// What a determination uses of its entry. Entries are never edited in place (L2): the id, the
// interval and the change that opened it identify the entry's content; its terms (who leads or
// received it), its name and its basis, which the answer cites, are hashed too, so the id also
// differs between datasets that reuse an entry id for other content. Its closing is written by
// the caller as it stood on the failure date. Tasks, cooperation content, guarantees and the
// internal assignment decide nothing in a determination and are left out.
// The entry's county, township and item are the question's (the entry was found by them).
const ENTRY: Writers<ListEntry> = {
  id: (d, e) => d.string(e.id),
  countyCode: () => undefined,
  townshipCode: () => undefined,
  itemCode: () => undefined,
  terms: (d, e) => {
    const terms = e.terms;
    writeListType(d, terms.type);
    if (terms.type === "COOPERATIVE") d.strings(terms.leadDepartments);
    else if (terms.type === "RECLAIMED") d.string(terms.receivingDepartment);
  },
  content: (d, e) => {
    d.string(e.content.name).arrayOf(e.content.basis.length);
    for (const citation of e.content.basis) writeAll(d, citation, CITATION_WRITERS);
  },
  assignment: () => undefined,
  effectiveFrom: (d, e) => d.string(e.effectiveFrom),
  effectiveTo: () => undefined,
  openedBy: (d, e) => d.string(e.openedBy),
  closedBy: () => undefined,
};
const ENTRY_WRITERS = Object.values(ENTRY);

/**
 * The digest of what a determination uses of an entry, but its closing (which the caller writes
 * as it stood on the failure date): equal before and after a later adjustment closes it.
 * @example entryDigest(entry) // [0x1b873593, 0x2f3c5ad1, 0x6a09e667]
 */
export function entryDigest(entry: ListEntry): EntryDigest {
  const d = ENTRY_DIGEST.reset(ENTRY_SEED);
  writeAll(d, entry, ENTRY_WRITERS);
  return d.words96();
}

// Entry digests are never computed inside one another: one digest serves them all.
const ENTRY_DIGEST = new Digest();
const ENTRY_SEED = 0x4c310001;

const DECISION: Writers<TaskDecision> = {
  authority: (d, t) => d.string(t.authority),
  documentNo: (d, t) => d.string(t.documentNo),
  title: (d, t) => d.string(t.title),
  decidedOn: (d, t) => d.string(t.decidedOn),
};
const DECISION_WRITERS = Object.values(DECISION);

const TASK: Writers<TemporaryTask> = {
  id: (d, t) => d.string(t.id),
  countyCode: (d, t) => d.string(t.countyCode),
  decision: (d, t) => writeAll(d, t.decision, DECISION_WRITERS),
  requestingDepartment: (d, t) => d.string(t.requestingDepartment),
  townshipCodes: (d, t) => d.strings(t.townshipCodes),
  content: (d, t) => d.string(t.content),
  townshipRole: (d, t) => d.string(t.townshipRole),
  startsOn: (d, t) => d.string(t.startsOn),
  plannedEndOn: (d, t) => d.string(t.plannedEndOn),
  registeredOn: (d, t) => d.string(t.registeredOn),
  recordedOn: (d, t) => d.string(t.recordedOn),
  closedOn: (d, t) => d.nullable(t.closedOn),
  closingNote: (d, t) => d.nullable(t.closingNote),
  closingRecordedOn: (d, t) => d.nullable(t.closingRecordedOn),
};
const TASK_WRITERS = Object.values(TASK);

/**
 * Writes a temporary task (as the ledger stood on the failure date), or null.
 * @example writeTask(digest, taskAsOf(task, date))
 */
export function writeTask(d: Digest, task: TemporaryTask | null): void {
  if (task === null) d.nullable(null);
  else writeAll(d, task, TASK_WRITERS);
}

// Findings are written for every determination, so field by field rather than through a writer
// table; the list below names every field of `Findings` in the order written (a new field fails
// to compile until it is listed here and written in `writeFindings`).
const FINDINGS_ORDER = [
  "townshipAtFault",
  "withinCooperationContent",
  "townshipRefusedCooperation",
  "guaranteesDelivered",
  "pushedDownBy",
  "temporaryTaskId",
  "falsifiedBy",
  "receivingDepartmentTookOver",
  "territorialClaim",
  "otherDepartments",
] as const satisfies readonly (keyof Findings)[];
/** `true` exactly when `FINDINGS_ORDER` names every field of `Findings`. */
export const FINDINGS_COMPLETE: [Exclude<keyof Findings, (typeof FINDINGS_ORDER)[number]>] extends [never]
  ? true
  : never = true;

/**
 * Writes normalised findings (sorted, de-duplicated lists; unset findings absent), in the order
 * of `FINDINGS_ORDER`.
 * @example writeFindings(digest, normalizeFailureCase(question).findings)
 */
export function writeFindings(d: Digest, f: Findings): void {
  d.flag(f.townshipAtFault)
    .flag(f.withinCooperationContent)
    .flag(f.townshipRefusedCooperation)
    .flag(f.guaranteesDelivered)
    .optional(f.pushedDownBy)
    .optional(f.temporaryTaskId);
  const parties = f.falsifiedBy;
  if (parties === undefined) d.arrayOf(0);
  else {
    d.arrayOf(parties.length);
    for (const party of parties) {
      writePartyKind(d, party.kind);
      d.string(party.code);
    }
  }
  d.flag(f.receivingDepartmentTookOver).flag(f.territorialClaim);
  const others = f.otherDepartments;
  if (others === undefined) d.arrayOf(0);
  else d.strings(others);
}
