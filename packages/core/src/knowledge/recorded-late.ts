// L2, L5: what the engine learned only after the day it speaks about — what an inspector
// reviewing a case needs to see beside the answer "as known on" a date.
import type { IsoDate } from "../base/calendar-date.ts";
import type { CountyDataset } from "../county/county-dataset.ts";

export type LateRecordingKind = "PUBLICATION" | "ADJUSTMENT" | "TASK_REGISTRATION" | "TASK_CLOSING";

/** A change recorded after the day it speaks about. */
export interface LateRecording {
  readonly kind: LateRecordingKind;
  /** The publication, adjustment or task. */
  readonly id: string;
  /** The day the change speaks about: the effective date, the registration or the closing date. */
  readonly speaksAbout: IsoDate;
  readonly recordedOn: IsoDate;
  readonly message: string;
}

export interface RecordedLateOptions {
  /** Only changes that speak about this day or earlier. */
  readonly about?: IsoDate;
  /** Only changes recorded after this day (not yet known then). */
  readonly recordedAfter?: IsoDate;
}

function lateChanges(dataset: CountyDataset): LateRecording[] {
  const late: LateRecording[] = [];
  const note = (
    kind: LateRecordingKind,
    id: string,
    speaksAbout: IsoDate,
    recordedOn: IsoDate,
    what: string,
  ) => {
    if (recordedOn > speaksAbout)
      late.push({
        kind,
        id,
        speaksAbout,
        recordedOn,
        message: `${what}(${speaksAbout})于 ${recordedOn} 才录入`,
      });
  };
  for (const p of dataset.publications)
    note("PUBLICATION", p.id, p.effectiveFrom, p.recordedOn, `清单发布 ${p.id} 的生效日期`);
  for (const a of dataset.adjustments)
    if (a.publication !== null)
      note(
        "ADJUSTMENT",
        a.id,
        a.publication.effectiveFrom,
        a.publication.recordedOn,
        `调整 ${a.id} 的生效日期`,
      );
  for (const t of dataset.temporaryTasks) {
    note("TASK_REGISTRATION", t.id, t.registeredOn, t.recordedOn, `临时任务 ${t.id} 的登记日期`);
    if (t.closedOn !== null && t.closingRecordedOn !== null)
      note("TASK_CLOSING", t.id, t.closedOn, t.closingRecordedOn, `临时任务 ${t.id} 的销号日期`);
  }
  return late;
}

/**
 * L2 — the changes recorded after the day they speak about (a publication recorded after it took
 * effect, a task registration or closing entered later than its date), oldest first; `about` and
 * `recordedAfter` narrow it to what an answer about a day, as known on another, did not yet see.
 * @example recordedLate(dataset, { about: isoDate("2025-07-15"), recordedAfter: isoDate("2025-06-10") })
 */
export function recordedLate(dataset: CountyDataset, options: RecordedLateOptions = {}): LateRecording[] {
  const { about, recordedAfter } = options;
  return lateChanges(dataset)
    .filter((r) => about === undefined || r.speaksAbout <= about)
    .filter((r) => recordedAfter === undefined || r.recordedOn > recordedAfter)
    .sort((a, b) =>
      a.speaksAbout !== b.speaksAbout
        ? a.speaksAbout < b.speaksAbout
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
    );
}
