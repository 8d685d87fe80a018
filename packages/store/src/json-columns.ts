import type { Prisma } from "./generated/prisma/client.ts";

// JSON columns hold core values the store itself wrote (terms, content, changes …). They are read
// back as the type they were written from; the database is trusted for its own writes.

/** A core value as a JSON column value. */
export function toJson<T>(value: T): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** A JSON column read back as the core type it was written from. */
export function fromJson<T>(value: Prisma.JsonValue): T {
  return value as unknown as T;
}
