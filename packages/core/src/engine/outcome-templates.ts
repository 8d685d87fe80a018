// What the rules give a case on a list entry, kept per shape of the entry's terms and set of
// findings and shared by every entry of that shape (A1–A3, A6, A7, A10, A11).
import type { AccountabilityRuleId } from "../base/rules.ts";
import type { EntryTerms } from "../lists/list-entry.ts";
import type { NamedParty, Situation } from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { appliedRules, ROLE_NAMES, sortFindings } from "../responsibility/responsibility-outcome.ts";
import { applyRules, type PartyFinding } from "../responsibility/responsibility-rules.ts";
import { describeFinding } from "../responsibility/responsibility-text.ts";

/**
 * The outcome of a case on a list entry, less what depends on the entry and the township: the
 * findings in order (the case's township first, `sortFindings`, then departments by code) and
 * every text that follows the entry's situation sentence and the township's name.
 *
 * On an entry the rules read its list type and terms (who leads it, who received it), the
 * findings and the township (as a party, never by name) — not the date, the item, the entry's
 * name or its interval (A1–A3, A6, A7, A10, A11; `applyRules`). So one template serves every
 * entry with equal terms and every township, for one set of findings.
 */
export interface OutcomeTemplate {
  /** The case's township first, then departments by code. */
  readonly findings: readonly PartyFinding[];
  /** By position; the township's (position 0) is the case's, so null here. */
  readonly named: readonly (NamedParty | null)[];
  /** What follows the township's name in its explanation (`describeFinding`). */
  readonly townshipTail: string;
  /** The township's role in words (`ROLE_NAMES`). */
  readonly townshipRole: string;
  /**
   * What follows the situation sentence in each department's explanation, its name first
   * (`;县消防救援大队为该配合事项的牵头部门…。`), by position; "" at the township's.
   */
  readonly tails: readonly string[];
  /** Set exactly where the role is NONE (A11), by position. */
  readonly reasons: readonly (string | null)[];
  /** What follows the township's part of the summary: each department's `;name:role`. */
  readonly summaryTail: string;
  readonly ruleIds: readonly AccountabilityRuleId[];
}

/** Entries whose terms are equal (list type, lead or receiving departments): one per context. */
export interface TermsShape {
  /** By findings key (`outcomeKey`), then by further departments (`othersKey`). */
  readonly templates: Map<number, Map<string, KeptTemplate>>;
}

/** A template with the further departments it was made for (a key is checked, never trusted). */
interface KeptTemplate {
  readonly others: readonly string[];
  readonly template: OutcomeTemplate | null;
}

/** The templates a context keeps: shapes by terms, and how many templates they hold. */
export interface TemplateStore {
  readonly basic: TermsShape;
  /** By receiving department. */
  readonly reclaimed: Map<string, TermsShape>;
  /** By lead departments, one level a department in the entry's order; the root has none. */
  readonly cooperative: ShapeNode;
  kept: number;
}

/** Cooperative terms whose leads begin as the path to this node: the shape of exactly those leads. */
interface ShapeNode {
  readonly shape: TermsShape;
  readonly next: Map<string, ShapeNode>;
}

// A caller naming ever new sets of departments cannot grow a context without bound: past this
// many, templates are made for each case and not kept.
const TEMPLATES_KEPT = 20_000;

function newShape(): TermsShape {
  return { templates: new Map() };
}

/**
 * An empty store, for a new determination context.
 * @example prepareDeterminations(dataset).templates.kept // 0
 */
export function templateStore(): TemplateStore {
  return {
    basic: newShape(),
    reclaimed: new Map(),
    cooperative: { shape: newShape(), next: new Map() },
    kept: 0,
  };
}

/**
 * The shape of an entry's terms, one object per distinct terms in the store; found by the
 * departments' codes themselves, without building a key.
 * @example termsShape(store, entry.terms) === termsShape(store, otherEntry.terms) // same leads
 */
export function termsShape(store: TemplateStore, terms: EntryTerms): TermsShape {
  if (terms.type === "BASIC") return store.basic;
  if (terms.type === "RECLAIMED") {
    let shape = store.reclaimed.get(terms.receivingDepartment);
    if (shape === undefined) {
      shape = newShape();
      store.reclaimed.set(terms.receivingDepartment, shape);
    }
    return shape;
  }
  let node = store.cooperative;
  for (const code of terms.leadDepartments) {
    let next = node.next.get(code);
    if (next === undefined) {
      next = { shape: newShape(), next: new Map() };
      node.next.set(code, next);
    }
    node = next;
  }
  return node.shape;
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The key of further departments among a findings key's templates: usually none or one. */
function othersKey(others: readonly string[]): string {
  return others.length === 0 ? "" : others.length === 1 ? (others[0] ?? "") : others.join("\u0000");
}

/**
 * The template kept for keyed findings (`bits`, `outcomeKey`) and further departments on an entry
 * of the shape: a template, null when the outcome fits none (`makeTemplate`), undefined when none
 * is kept.
 * @example keptTemplate(facts.shape, outcomeKey(failure.findings), failure.findings.otherDepartments ?? [])
 */
export function keptTemplate(
  shape: TermsShape,
  bits: number,
  others: readonly string[],
): OutcomeTemplate | null | undefined {
  const known = shape.templates.get(bits)?.get(othersKey(others));
  return known !== undefined && sameCodes(known.others, others) ? known.template : undefined;
}

/**
 * Keeps a template (`makeTemplate`) for `keptTemplate`, unless the store is full or the key is
 * taken by other departments.
 * @example keepTemplate(context.templates, facts.shape, bits, others, makeTemplate(failure, situation, nameOf))
 */
export function keepTemplate(
  store: TemplateStore,
  shape: TermsShape,
  bits: number,
  others: readonly string[],
  template: OutcomeTemplate | null,
): void {
  if (store.kept >= TEMPLATES_KEPT) return;
  let byOthers = shape.templates.get(bits);
  if (byOthers === undefined) {
    byOthers = new Map();
    shape.templates.set(bits, byOthers);
  }
  const key = othersKey(others);
  if (byOthers.has(key)) return;
  byOthers.set(key, { others, template });
  store.kept++;
}

/**
 * The rules applied to a case on an entry (`applyRules`, `sortFindings`) and their texts, as a
 * template; null when the outcome does not fit one (a party other than the case's township and
 * departments, a violation): the caller then applies the rules to each case.
 * @example makeTemplate(failure, situation, (party) => namedParty(context, party))?.townshipRole // "次要责任"
 */
export function makeTemplate(
  failure: FailureCase,
  situation: Situation,
  nameOf: (party: PartyFinding["party"]) => NamedParty,
): OutcomeTemplate | null {
  const outcome = applyRules(failure, situation);
  if (outcome.violations.length > 0) return null;
  const findings = sortFindings(outcome.parties, failure.townshipCode);
  const first = findings[0];
  if (first === undefined || first.party.kind !== "TOWNSHIP" || first.party.code !== failure.townshipCode)
    return null;
  const named: (NamedParty | null)[] = [null];
  const tails: string[] = [""];
  const reasons: (string | null)[] = [reasonOf(first)];
  const summary: string[] = [];
  for (let i = 1; i < findings.length; i++) {
    const finding = findings[i];
    if (finding === undefined || finding.party.kind !== "DEPARTMENT") return null;
    const party = nameOf(finding.party);
    named.push(party);
    tails.push([";", party.name, describeFinding(finding)].join(""));
    reasons.push(reasonOf(finding));
    summary.push(";", party.name, ":", ROLE_NAMES[finding.role]);
  }
  return {
    findings,
    named,
    townshipTail: describeFinding(first),
    townshipRole: ROLE_NAMES[first.role],
    tails,
    reasons,
    // Joined from its parts: flat, as the tails and `describeFinding`'s text.
    summaryTail: summary.join(""),
    ruleIds: appliedRules(findings),
  };
}

/** A NONE party's reason (A11): the clauses that gave its role. */
function reasonOf(finding: PartyFinding): string | null {
  return finding.role === "NONE" ? finding.clauses.join(";") : null;
}
