import { type IsoDate, isoDate } from "@dutylist/core";

// `DATE` columns come back from Prisma as a JS Date at UTC midnight; the core speaks YYYY-MM-DD.

/** @example toDateColumn(isoDate("2025-07-01")) // 2025-07-01T00:00:00.000Z */
export function toDateColumn(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** @example fromDateColumn(new Date("2025-07-01T00:00:00Z")) // "2025-07-01" */
export function fromDateColumn(date: Date): IsoDate {
  return isoDate(date.toISOString().slice(0, 10));
}

export function toNullableDateColumn(date: IsoDate | null): Date | null {
  return date === null ? null : toDateColumn(date);
}

export function fromNullableDateColumn(date: Date | null): IsoDate | null {
  return date === null ? null : fromDateColumn(date);
}
