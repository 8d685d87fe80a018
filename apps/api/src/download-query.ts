import {
  type IsoDate,
  isIsoDate,
  LIST_TYPE_NAMES,
  type ListType,
  ROLE_NAMES,
  type Role,
} from "@dutylist/core";
import { unstorableText } from "./string-arguments.ts";

// The query parameters of the downloads (/export/…): each route declares its parameters and gets
// them typed, or every bad one named at once (400).

/** A bad or missing parameter, named; `parameter` is null when the problem is not one parameter's. */
export interface ParameterError {
  readonly parameter: string | null;
  readonly message: string;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** How one parameter is read: its meaning (for messages), whether it is required, and its parser. */
export interface ParameterSpec<T, Required extends boolean> {
  readonly label: string;
  readonly required: Required;
  /** What a value looks like, for the message when it is missing; null when the label says it. */
  readonly hint: string | null;
  parse(text: string): Parsed<T>;
}

type AnySpec = ParameterSpec<unknown, boolean>;

/** The values of a route's parameters: required ones always present, optional ones maybe. */
export type QueryValues<P extends Readonly<Record<string, AnySpec>>> = {
  readonly [K in keyof P]: P[K] extends ParameterSpec<infer T, infer R>
    ? R extends true
      ? T
      : T | undefined
    : never;
};

const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
const reject = <T>(message: string): Parsed<T> => ({ ok: false, message });

function spec<T, R extends boolean>(
  label: string,
  required: R,
  hint: string | null,
  parse: (text: string) => Parsed<T>,
): ParameterSpec<T, R> {
  return { label, required, hint, parse };
}

/**
 * A code (county, township, department, indicator, party), as given.
 * @example code("县(市、区)编码", true).parse("QX") // { ok: true, value: "QX" }
 */
export function code<R extends boolean>(label: string, required: R): ParameterSpec<string, R> {
  return spec(label, required, null, (text) => {
    if (text.length > 64) return reject(`${label}过长(不超过64个字符)`);
    const why = unstorableText(text);
    return why === null ? accept(text) : reject(`${label}${why}`);
  });
}

/**
 * An assessment year: four digits.
 * @example year().parse("2025") // { ok: true, value: 2025 }
 */
export function year(): ParameterSpec<number, true> {
  return spec("考核年度", true, "四位数字,如 2025", (text) =>
    /^\d{4}$/.test(text) ? accept(Number(text)) : reject(`考核年度应为四位数字,如 2025;收到“${text}”`),
  );
}

/**
 * A calendar date, YYYY-MM-DD.
 * @example date("清单版本日期").parse("2025-10-01") // { ok: true, value: "2025-10-01" }
 */
export function date(label: string): ParameterSpec<IsoDate, true> {
  return spec(label, true, "YYYY-MM-DD,如 2025-10-01", (text) =>
    isIsoDate(text) ? accept(text) : reject(`${label}应为 YYYY-MM-DD 格式的日期,如 2025-10-01;收到“${text}”`),
  );
}

function oneOf<T extends string, R extends boolean>(
  label: string,
  required: R,
  names: Readonly<Record<T, string>>,
): ParameterSpec<T, R> {
  const values = Object.keys(names) as T[];
  const hint = values.map((v) => `${v}(${names[v]})`).join("、");
  return spec(label, required, `${hint} 之一`, (text) => {
    const found = values.find((v) => v === text);
    return found === undefined ? reject(`${label}应为 ${hint} 之一;收到“${text}”`) : accept(found);
  });
}

/**
 * A role in a determination: PRIMARY, SECONDARY or NONE.
 * @example role().parse("PRIMARY") // { ok: true, value: "PRIMARY" }
 */
export function role(): ParameterSpec<Role, false> {
  return oneOf("责任", false, ROLE_NAMES);
}

/**
 * One of the three lists: BASIC, COOPERATIVE or RECLAIMED.
 * @example listType().parse("BASIC") // { ok: true, value: "BASIC" }
 */
export function listType(): ParameterSpec<ListType, true> {
  return oneOf("清单", true, LIST_TYPE_NAMES);
}

/**
 * How whistle figures are grouped: DEPARTMENT, TOWNSHIP or ITEM (H2).
 * @example whistleGrouping().parse("ITEM") // { ok: true, value: "ITEM" }
 */
export function whistleGrouping(): ParameterSpec<"DEPARTMENT" | "TOWNSHIP" | "ITEM", true> {
  return oneOf("分组", true, { DEPARTMENT: "部门", TOWNSHIP: "乡镇(街道)", ITEM: "事项" });
}

/** A route's parameters read from its URL, or every bad, missing, repeated or unknown one. */
export type QueryReading<P extends Readonly<Record<string, AnySpec>>> =
  | { readonly ok: true; readonly values: QueryValues<P> }
  | { readonly ok: false; readonly errors: readonly ParameterError[] };

/**
 * Reads the parameters `params` declares from a query string. An empty optional parameter counts
 * as absent (URLs built by BI tools often carry them); an unknown parameter is an error, so that
 * a misspelt filter never silently widens a download.
 * @example readQuery(new URLSearchParams("year=20x5"), { year: year() }) // { ok: false, errors: [{ parameter: "year", message: "考核年度应为四位数字…" }] }
 */
export function readQuery<P extends Readonly<Record<string, AnySpec>>>(
  query: URLSearchParams,
  params: P,
): QueryReading<P> {
  const errors: ParameterError[] = [];
  const values: Record<string, unknown> = {};
  const known = Object.keys(params);
  const repeated = new Set<string>();
  for (const name of new Set(query.keys())) {
    if (!known.includes(name))
      errors.push({ parameter: name, message: `未知参数 ${name};此下载接受 ${known.join("、")}` });
    else if (query.getAll(name).length > 1) {
      repeated.add(name);
      errors.push({ parameter: name, message: `参数 ${name} 只能给一次` });
    }
  }
  for (const [name, param] of Object.entries(params)) {
    if (repeated.has(name)) continue;
    const text = (query.get(name) ?? "").trim();
    if (text === "") {
      if (param.required) {
        const hint = param.hint === null ? "" : `:${param.hint}`;
        errors.push({ parameter: name, message: `缺少参数 ${name}(${param.label})${hint}` });
      }
      continue;
    }
    const parsed = param.parse(text);
    if (parsed.ok) values[name] = parsed.value;
    else errors.push({ parameter: name, message: parsed.message });
  }
  // Every declared parameter was read by its spec above: the record has the declared types.
  return errors.length === 0 ? { ok: true, values: values as QueryValues<P> } : { ok: false, errors };
}
