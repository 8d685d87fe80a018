// The parties of a determination, with their roles, reasons, explanations and citations (A1–A11):
// from the outcome template of the entry's terms and the findings, or from the rules applied.
import type { AccountabilityRuleId } from "../base/rules.ts";
import type { PartyRef } from "../county/county.ts";
import type {
  NamedParty,
  PartyDetermination,
  ReportedViolation,
  ResponsibilityCitation,
  Situation,
} from "../responsibility/determination.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";
import { type Outcome, outcomeOf } from "../responsibility/responsibility-outcome.ts";
import { describeEntry } from "../responsibility/responsibility-text.ts";
import { type DeterminationContext, namedParty } from "./determination-context.ts";
import { NOT_KEYED, outcomeKey } from "./outcome-key.ts";
import {
  keepTemplate,
  keptTemplate,
  makeTemplate,
  type OutcomeTemplate,
  termsShape,
} from "./outcome-templates.ts";

/** What a determination says of its parties, and what the rules applied and reported. */
export interface Decided {
  /** The case's township first, then other townships, then departments, each by code. */
  readonly parties: readonly PartyDetermination[];
  readonly violations: readonly ReportedViolation[];
  /** A9 and every rule the findings name, in rule order. */
  readonly ruleIds: readonly AccountabilityRuleId[];
  readonly summary: string;
}

const NO_CODES: readonly string[] = [];
const NO_VIOLATIONS: readonly ReportedViolation[] = [];

/**
 * The parties of a located case, each citing `citations`. On an entry with keyed findings
 * (`outcomeKey`) the outcome template of its terms and findings gives them (`outcome-templates.ts`,
 * made from the rules on its first case); otherwise the rules are applied (`outcomeOf`).
 * @example decideParties(context, failure, locate(context, township, failure), township.party, citations).parties[0]?.role // "SECONDARY"
 */
export function decideParties(
  context: DeterminationContext,
  failure: FailureCase,
  situation: Situation,
  township: NamedParty,
  citations: readonly ResponsibilityCitation[],
): Decided {
  const entry = situation.entry;
  if (entry === null)
    return fromOutcome(outcomeOf(failure, situation, context.directory, nameIn(context)), citations);
  // On an entry: its situation sentence, then the template of its terms and the findings.
  const situationText = describeEntry(entry, context.directory);
  const bits = outcomeKey(failure.findings);
  if (bits !== NOT_KEYED) {
    const shape = termsShape(context.templates, entry.terms);
    const others = failure.findings.otherDepartments ?? NO_CODES;
    let template = keptTemplate(shape, bits, others);
    if (template === undefined) {
      template = makeTemplate(failure, situation, nameIn(context));
      keepTemplate(context.templates, shape, bits, others, template);
    }
    if (template !== null) return fromTemplate(template, township, situationText, citations);
  }
  const outcome = outcomeOf(failure, situation, context.directory, nameIn(context), situationText);
  return fromOutcome(outcome, citations);
}

/** Names parties from the context's directory (`namedParty`). */
function nameIn(context: DeterminationContext): (party: PartyRef) => NamedParty {
  return (party) => namedParty(context, party);
}

/**
 * The template's parties for a case on an entry: its township's name and the entry's situation
 * sentence joined to the template's texts, as `outcomeOf` writes them (`describeParty`).
 */
function fromTemplate(
  template: OutcomeTemplate,
  township: NamedParty,
  situationText: string,
  citations: readonly ResponsibilityCitation[],
): Decided {
  const { findings, named, tails, reasons } = template;
  const parties: PartyDetermination[] = [];
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i];
    if (finding === undefined) continue;
    parties.push({
      party: i === 0 ? township : (named[i] ?? township),
      role: finding.role,
      factors: finding.factors,
      ruleIds: finding.ruleIds,
      citations,
      reason: reasons[i] ?? null,
      explanation:
        i === 0
          ? `${situationText};${township.name}${template.townshipTail}`
          : situationText + (tails[i] ?? ""),
    });
  }
  return {
    parties,
    violations: NO_VIOLATIONS,
    ruleIds: template.ruleIds,
    summary: `${situationText};${township.name}:${template.townshipRole}${template.summaryTail}`,
  };
}

/** The parties of an outcome the rules gave (`outcomeOf`). */
function fromOutcome(outcome: Outcome, citations: readonly ResponsibilityCitation[]): Decided {
  const parties: PartyDetermination[] = [];
  for (let i = 0; i < outcome.findings.length; i++) {
    const finding = outcome.findings[i];
    const party = outcome.named[i];
    if (finding === undefined || party === undefined) continue;
    parties.push({
      party,
      role: finding.role,
      factors: finding.factors,
      ruleIds: finding.ruleIds,
      citations,
      reason: outcome.reasons[i] ?? null,
      explanation: outcome.explanations[i] ?? "",
    });
  }
  return {
    parties,
    violations: outcome.violations,
    ruleIds: outcome.ruleIds,
    summary: outcome.summary,
  };
}
