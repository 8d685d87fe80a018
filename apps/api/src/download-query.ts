import { isIsoDate, LIST_TYPE_NAMES, ROLE_NAMES } from "@dutylist/core";
import { z } from "zod";
import { unstorableText } from "./string-arguments.ts";

// The query parameters of the downloads (/export/…), validated by zod: each route declares its
// parameters as a strict object and gets them typed, or every bad one named at once (400).

/** A bad or missing parameter, named; `parameter` is null when the problem is not one parameter's. */
export interface ParameterError {
  readonly parameter: string | null;
  readonly message: string;
}

/** What a required parameter is, for the message when it is missing. */
interface ParameterMeta {
  readonly label: string;
  /** What a value looks like; absent when the label says it. */
  readonly hint?: string;
}

const received = (input: unknown): string => `收到“${String(input)}”`;

/**
 * A code (county, township, department, indicator, party), as given.
 * @example code("县(市、区)编码").parse("QX") // "QX"
 */
export function code(label: string) {
  return z
    .string()
    .max(64, { error: `${label}过长(不超过64个字符)` })
    .superRefine((text, ctx) => {
      const why = unstorableText(text);
      if (why !== null) ctx.addIssue({ code: "custom", message: `${label}${why}` });
    })
    .meta({ label } satisfies ParameterMeta);
}

/**
 * An assessment year: four digits.
 * @example year().parse("2025") // 2025
 */
export function year() {
  return z
    .string()
    .regex(/^\d{4}$/, { error: (issue) => `考核年度应为四位数字,如 2025;${received(issue.input)}` })
    .transform(Number)
    .meta({ label: "考核年度", hint: "四位数字,如 2025" } satisfies ParameterMeta);
}

/**
 * A calendar date, YYYY-MM-DD.
 * @example date("清单版本日期").parse("2025-10-01") // "2025-10-01"
 */
export function date(label: string) {
  return z
    .string()
    .refine(isIsoDate, {
      error: (issue) => `${label}应为 YYYY-MM-DD 格式的日期,如 2025-10-01;${received(issue.input)}`,
    })
    .meta({ label, hint: "YYYY-MM-DD,如 2025-10-01" } satisfies ParameterMeta);
}

function oneOf<T extends string>(label: string, names: Readonly<Record<T, string>>) {
  const values = Object.keys(names) as [T, ...T[]];
  const hint = `${values.map((v) => `${v}(${names[v]})`).join("、")} 之一`;
  return z
    .enum(values, { error: (issue) => `${label}应为 ${hint};${received(issue.input)}` })
    .meta({ label, hint } satisfies ParameterMeta);
}

/**
 * A role in a determination: PRIMARY, SECONDARY or NONE.
 * @example role().parse("PRIMARY") // "PRIMARY"
 */
export const role = () => oneOf("责任", ROLE_NAMES);

/**
 * One of the three lists: BASIC, COOPERATIVE or RECLAIMED.
 * @example listType().parse("BASIC") // "BASIC"
 */
export const listType = () => oneOf("清单", LIST_TYPE_NAMES);

/**
 * How whistle figures are grouped: DEPARTMENT, TOWNSHIP or ITEM (H2).
 * @example whistleGrouping().parse("ITEM") // "ITEM"
 */
export const whistleGrouping = () =>
  oneOf("分组", { DEPARTMENT: "部门", TOWNSHIP: "乡镇(街道)", ITEM: "事项" });

/** A route's parameters: a strict zod object of the schemas above (optional ones `.optional()`). */
export type QuerySchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/** A route's parameters read from its URL, or every bad, missing, repeated or unknown one. */
export type QueryReading<S extends QuerySchema> =
  | { readonly ok: true; readonly values: z.output<S> }
  | { readonly ok: false; readonly errors: readonly ParameterError[] };

function metaOf(schema: QuerySchema, name: string): ParameterMeta | undefined {
  const field = schema.shape[name];
  return field === undefined ? undefined : (z.globalRegistry.get(field) as ParameterMeta | undefined);
}

/**
 * Reads the parameters `schema` declares from a query string. An empty optional parameter counts
 * as absent (URLs built by BI tools often carry them); a repeated one is an error; an unknown
 * parameter is an error, so that a misspelt filter never silently widens a download.
 * @example readQuery(new URLSearchParams("year=20x5"), z.strictObject({ year: year() })) // { ok: false, errors: [{ parameter: "year", message: "考核年度应为四位数字…" }] }
 */
export function readQuery<S extends QuerySchema>(query: URLSearchParams, schema: S): QueryReading<S> {
  const input: Record<string, string | string[]> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name).map((v) => v.trim());
    if (values.length > 1) input[name] = values;
    // An unknown parameter is named even when empty.
    else if (values[0] !== "" || !(name in schema.shape)) input[name] = values[0] ?? "";
  }
  const parsed = schema.safeParse(input, {
    // Only for what the parameters' own messages leave: a parameter missing or given twice.
    error: (issue) => {
      if (issue.code !== "invalid_type") return undefined;
      const name = String(issue.path?.[0] ?? "");
      if (Array.isArray(issue.input)) return `参数 ${name} 只能给一次`;
      const meta = metaOf(schema, name);
      return `缺少参数 ${name}(${meta?.label ?? name})${meta?.hint === undefined ? "" : `:${meta.hint}`}`;
    },
  });
  if (parsed.success) return { ok: true, values: parsed.data };
  const known = Object.keys(schema.shape).join("、");
  const errors = parsed.error.issues.flatMap((issue): ParameterError[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ parameter: key, message: `未知参数 ${key};此下载接受 ${known}` }))
      : [{ parameter: issue.path.length === 0 ? null : String(issue.path[0]), message: issue.message }],
  );
  return { ok: false, errors };
}

/**
 * A download's refusal as JSON: the status and the errors naming each parameter (null: the request).
 * @example errorResponse(Response, 405, [{ parameter: null, message: "下载只接受 GET 请求" }], { allow: "GET" })
 */
export function errorResponse(
  ResponseCtor: typeof Response,
  status: number,
  errors: readonly ParameterError[],
  headers: Record<string, string> = {},
): Response {
  return new ResponseCtor(JSON.stringify({ errors }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
