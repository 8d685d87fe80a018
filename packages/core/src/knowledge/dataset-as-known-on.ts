// L2 knowledge time: every change keeps the date the engine recorded it beside the date it speaks
// about, so the county can be replayed as it was known on any day (bitemporal replay).
import type { Adjustment } from "../adjustments/adjustment.ts";
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";
import type { TemporaryTask } from "../ledger/temporary-task.ts";
import type { ListEntry } from "../lists/list-entry.ts";

/** Whether something recorded on `recordedOn` was known on `knownOn` (recorded that day or before). */
export function isKnownOn(recordedOn: IsoDate, knownOn: IsoDate): boolean {
  return recordedOn <= knownOn;
}

/**
 * The latest knowledge date in the dataset: asking as known on this day or later changes nothing.
 * @example latestRecording(dataset) // "2025-10-20"
 */
export function latestRecording(dataset: CountyDataset): IsoDate | null {
  let latest: IsoDate | null = null;
  const note = (date: IsoDate | null) => {
    if (date !== null && (latest === null || date > latest)) latest = date;
  };
  for (const publication of dataset.publications) note(publication.recordedOn);
  for (const adjustment of dataset.adjustments) {
    note(adjustment.recordedOn);
    for (const approval of adjustment.approvals) note(approval.recordedOn);
    note(adjustment.publication?.recordedOn ?? null);
  }
  for (const task of dataset.temporaryTasks) {
    note(task.recordedOn);
    note(task.closingRecordedOn);
  }
  return latest;
}

function adjustmentAsKnownOn(adjustment: Adjustment, knownOn: IsoDate): Adjustment {
  const approvals = adjustment.approvals.filter((a) => isKnownOn(a.recordedOn, knownOn));
  const publication =
    adjustment.publication !== null && isKnownOn(adjustment.publication.recordedOn, knownOn)
      ? adjustment.publication
      : null;
  return approvals.length === adjustment.approvals.length && publication === adjustment.publication
    ? adjustment
    : { ...adjustment, approvals, publication };
}

function taskAsKnownOn(task: TemporaryTask, knownOn: IsoDate): TemporaryTask {
  return task.closingRecordedOn !== null && !isKnownOn(task.closingRecordedOn, knownOn)
    ? { ...task, closedOn: null, closingNote: null, closingRecordedOn: null }
    : task;
}

/**
 * L2 — the county as the engine knew it on `knownOn`: publications, proposals, approvals,
 * adjustments' publications, task registrations and closings recorded after that day are left
 * out; entries opened by a change not yet known are dropped, and an entry closed by one is shown
 * open, as the lists stood in the records of that day. Answers computed on the result never
 * change when something is recorded later. When everything was known by then, the dataset itself
 * is returned.
 * @example listsAsOf(buildListIndex(datasetAsKnownOn(dataset, isoDate("2025-06-10")).entries), "QX-CG", isoDate("2025-07-15"))
 */
export function datasetAsKnownOn(dataset: CountyDataset, knownOn: IsoDate): CountyDataset {
  const latest = latestRecording(dataset);
  if (latest === null || latest <= knownOn) return dataset;
  const publications = dataset.publications.filter((p) => isKnownOn(p.recordedOn, knownOn));
  const adjustments = dataset.adjustments
    .filter((a) => isKnownOn(a.recordedOn, knownOn))
    .map((a) => adjustmentAsKnownOn(a, knownOn));
  // A change is known once its publication was recorded: a baseline publication, or an
  // adjustment's publication.
  const knownChanges = new Set<string>(publications.map((p) => p.id));
  for (const adjustment of adjustments) if (adjustment.publication !== null) knownChanges.add(adjustment.id);
  const allChanges = new Set<string>([
    ...dataset.publications.map((p) => p.id),
    ...dataset.adjustments.map((a) => a.id),
  ]);
  // An entry opened by something the dataset does not name is kept as it is: validation reports
  // it, and replay does not hide data it cannot date.
  const known = (changeId: string) => knownChanges.has(changeId) || !allChanges.has(changeId);
  const entries: ListEntry[] = [];
  for (const entry of dataset.entries) {
    if (!known(entry.openedBy)) continue;
    entries.push(
      entry.closedBy !== null && !known(entry.closedBy)
        ? { ...entry, effectiveTo: null, closedBy: null }
        : entry,
    );
  }
  const temporaryTasks = dataset.temporaryTasks
    .filter((t) => isKnownOn(t.recordedOn, knownOn))
    .map((t) => taskAsKnownOn(t, knownOn));
  return { ...dataset, publications, adjustments, entries, temporaryTasks };
}
