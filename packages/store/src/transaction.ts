import type { Prisma } from "./generated/prisma/client.ts";

/** The client a writer runs on inside a transaction, so several writers can share one. */
export type Tx = Prisma.TransactionClient;

// Large counties and record sets take minutes to write on PGlite; a transaction waits for them.
export const TRANSACTION = { timeout: 600_000, maxWait: 60_000 } as const;
