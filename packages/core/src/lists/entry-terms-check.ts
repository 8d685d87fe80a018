// The one check of a list entry's terms (L1, A2, A3), whoever builds them: a workbook row, an
// adjustment or what-if input of the API, a dataset before publication.
import type { EntryTerms } from "./list-entry.ts";

/** What is wrong with an entry's terms, naming the field of the terms it is about. */
export type TermsProblem =
  | {
      readonly _tag: "COOPERATIVE_WITHOUT_LEAD";
      readonly field: "leadDepartments";
      readonly ruleId: "A2";
      readonly message: string;
    }
  | {
      readonly _tag: "COOPERATIVE_WITHOUT_CONTENT";
      readonly field: "cooperationContent";
      readonly ruleId: "A2";
      readonly message: string;
    }
  | {
      readonly _tag: "RECLAIMED_WITHOUT_RECEIVER";
      readonly field: "receivingDepartment";
      readonly ruleId: "A3";
      readonly message: string;
    }
  | {
      readonly _tag: "UNKNOWN_DEPARTMENT";
      /** `leadDepartments[i]` or `receivingDepartment`. */
      readonly field: string;
      readonly code: string;
      readonly ruleId: "L1";
      readonly message: string;
    };

function blank(text: string): boolean {
  return text.trim().length === 0;
}

/**
 * Every problem of an entry's terms: a cooperative entry names at least one lead department
 * (who is PRIMARY, A2) and the township's cooperation content (within which alone it can be
 * SECONDARY, A2); a reclaimed entry names its receiving department (PRIMARY, A3); every
 * department named is one of the county's (`departments`; `null` when the caller checks them
 * elsewhere). Basic terms have nothing to check.
 * @example entryTermsProblems({ type: "RECLAIMED", receivingDepartment: "", wayOfWorking: "" }, new Set())[0]?.message // "上级部门收回事项须载明承接部门"
 */
export function entryTermsProblems(
  terms: EntryTerms,
  departments: ReadonlySet<string> | null,
): TermsProblem[] {
  const found: TermsProblem[] = [];
  if (terms.type === "COOPERATIVE") {
    if (terms.leadDepartments.every(blank))
      found.push({
        _tag: "COOPERATIVE_WITHOUT_LEAD",
        field: "leadDepartments",
        ruleId: "A2",
        message: "配合履职事项须载明牵头部门",
      });
    terms.leadDepartments.forEach((code, i) => {
      if (!blank(code) && departments !== null && !departments.has(code))
        found.push({
          _tag: "UNKNOWN_DEPARTMENT",
          field: `leadDepartments[${i}]`,
          code,
          ruleId: "L1",
          message: `牵头部门 ${code} 不是本县的部门`,
        });
    });
    if (terms.cooperationContent.every(blank))
      found.push({
        _tag: "COOPERATIVE_WITHOUT_CONTENT",
        field: "cooperationContent",
        ruleId: "A2",
        message: "配合履职事项须载明镇街配合职责(乡镇只在配合内容内承担次要责任)",
      });
  } else if (terms.type === "RECLAIMED") {
    if (blank(terms.receivingDepartment))
      found.push({
        _tag: "RECLAIMED_WITHOUT_RECEIVER",
        field: "receivingDepartment",
        ruleId: "A3",
        message: "上级部门收回事项须载明承接部门",
      });
    else if (departments !== null && !departments.has(terms.receivingDepartment))
      found.push({
        _tag: "UNKNOWN_DEPARTMENT",
        field: "receivingDepartment",
        code: terms.receivingDepartment,
        ruleId: "L1",
        message: `承接部门 ${terms.receivingDepartment} 不是本县的部门`,
      });
  }
  return found;
}
