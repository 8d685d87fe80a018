import type { AssessmentRecordCounts } from "@dutylist/store";
import { builder } from "../builder.ts";

// What the record mutations answer (records.ts, department-records.ts).

export const RecordsWrittenRef = builder.objectRef<AssessmentRecordCounts>("RecordsWritten").implement({
  description: "How many records of each kind were stored; kinds the mutation does not take are 0",
  fields: (t) => ({
    performance: t.exposeInt("performance"),
    whistles: t.exposeInt("whistles"),
    guarantees: t.exposeInt("guarantees"),
    pushDowns: t.exposeInt("pushDowns"),
    unattended: t.exposeInt("unattended"),
    ratings: t.exposeInt("ratings"),
  }),
});

/** What every record mutation says about its batch. */
export function batchDescription(what: string, arg: string): string {
  return `${what}. Checked as a whole and stored all or nothing: DomainErrors lists every problem, naming the position (e.g. \`${arg}[3].townshipCode\`); an id repeated in the batch or already stored is DUPLICATE_ID (records are never changed once stored)`;
}
