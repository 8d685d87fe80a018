/** Failures of the store that callers handle; everything else is a bug and is thrown. */
export type StoreError =
  | { readonly _tag: "STORE_CONFLICT"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_MISSING_REFERENCE"; readonly target: string; readonly message: string }
  | { readonly _tag: "STORE_NOT_FOUND"; readonly target: string; readonly message: string };

function codeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const record = error as { code?: unknown; cause?: unknown; meta?: unknown };
  if (typeof record.code === "string") return record.code;
  // PGlite surfaces constraint violations as a DriverAdapterError whose cause carries the SQLSTATE.
  const cause = record.cause as { code?: unknown; originalCode?: unknown } | undefined;
  if (typeof cause?.originalCode === "string") return cause.originalCode;
  if (typeof cause?.code === "string") return cause.code;
  return null;
}

/**
 * Maps the known errors of both adapters to store errors: unique violations (P2002, SQLSTATE
 * 23505), foreign keys (P2003, 23503), missing rows (P2025). Returns null for anything else.
 */
export function toStoreError(error: unknown, target: string): StoreError | null {
  const code = codeOf(error);
  const detail = error instanceof Error ? (error.message.split("\n").at(-1) ?? error.message) : String(error);
  switch (code) {
    case "P2002":
    case "23505":
      return { _tag: "STORE_CONFLICT", target, message: `${target} 已存在(${detail})` };
    case "P2003":
    case "23503":
      return { _tag: "STORE_MISSING_REFERENCE", target, message: `${target} 引用了不存在的记录(${detail})` };
    case "P2025":
      return { _tag: "STORE_NOT_FOUND", target, message: `${target} 不存在` };
    default:
      return null;
  }
}
