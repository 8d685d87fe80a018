/**
 * Expected failures are values, not exceptions (style.md): a `Result` is either `Ok` with a
 * value or `Err` with a non-empty list of tagged errors, so a caller sees every problem at once.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly errors: readonly [E, ...E[]] };
export type Result<T, E> = Ok<T> | Err<E>;

/** @example ok(3) // { ok: true, value: 3 } */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** @example err({ _tag: "NOT_FOUND" }) // { ok: false, errors: [{ _tag: "NOT_FOUND" }] } */
export function err<E>(first: E, ...rest: E[]): Err<E> {
  return { ok: false, errors: [first, ...rest] };
}

/**
 * Turns a list of collected errors into a `Result`: `Ok(value)` when the list is empty.
 * @example collect([], 1) // { ok: true, value: 1 }
 */
export function collect<T, E>(errors: readonly E[], value: T): Result<T, E> {
  if (errors.length === 0) return ok(value);
  const [first, ...rest] = errors;
  return first === undefined ? ok(value) : err(first, ...rest);
}

/**
 * For exhaustive `switch` statements over closed unions: a new member without a case fails to compile.
 * @example default: return assertNever(kind);
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
