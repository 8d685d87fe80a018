import {
  type AssessmentPlan,
  type ExcludedRecord,
  type IncludedRecord,
  type IsoDate,
  judgeRecord,
  type ListIndex,
} from "@dutylist/core";
import { type Database, type JudgedRecordFilter, judgedRecords, type TallyQuestion } from "@dutylist/store";
import { GraphQLError } from "graphql";

/** A page of records: at most `first` (all when null), after the record id `after`, in id order. */
export interface RecordPage {
  readonly first: number | null;
  readonly after: string | null;
}

/**
 * The records behind a year's tallies, fetched on demand and a page at a time (S7): the store
 * selects them by the statement that tallied them, and the core judges each again to explain it.
 */
export interface JudgedRecordSource {
  counted(
    filter: { subjectCode: string; indicatorCode: string },
    page: RecordPage,
  ): Promise<IncludedRecord[]>;
  excluded(
    filter: { subjectCode?: string; indicatorCode?: string },
    page: RecordPage,
  ): Promise<ExcludedRecord[]>;
}

/**
 * The source of a county's year as scored: its plan, the lists it was judged by (as known on
 * `knownOn`, L2) and their index.
 * @example await judgedRecordSource(db, "QX", { plan, dataset, knownOn: null }, index).counted({ subjectCode: "QX-CG", indicatorCode: "T-MS" }, { first: 50, after: null })
 */
export function judgedRecordSource(
  db: Database,
  countyCode: string,
  question: TallyQuestion & { readonly knownOn: IsoDate | null },
  index: ListIndex,
): JudgedRecordSource {
  const plan: AssessmentPlan = question.plan;
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const fetch = (filter: JudgedRecordFilter, page: RecordPage) => {
    if (page.first !== null && (!Number.isInteger(page.first) || page.first < 0))
      throw new GraphQLError(`first: ${page.first} is not a count of records (0 or more)`);
    return judgedRecords(db, countyCode, question, filter, { first: page.first, after: page.after });
  };
  return {
    async counted(filter, page) {
      const records = await fetch({ ...filter, outcome: "COUNTED" }, page);
      return records.map((record) => {
        const judged = judgeRecord(record, indicators, index, plan.year);
        if (!judged.included)
          throw new Error(`record ${record.id} counted by the store, excluded by the core`);
        return judged.value;
      });
    },
    async excluded(filter, page) {
      const records = await fetch({ ...filter, outcome: "EXCLUDED" }, page);
      return records.map((record) => {
        const judged = judgeRecord(record, indicators, index, plan.year);
        if (judged.included)
          throw new Error(`record ${record.id} excluded by the store, counted by the core`);
        return judged.value;
      });
    },
  };
}
