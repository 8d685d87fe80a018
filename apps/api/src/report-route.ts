import {
  type Actor,
  type AssessmentPlan,
  allWhistleFigures,
  authorize,
  isoDate,
  judgeWhistles,
  type WhistleFigures,
} from "@dutylist/core";
import {
  type ReportCompression,
  renderAssessmentReportHtml,
  reportCompression,
  reportTitle,
} from "@dutylist/report";
import { type Database, loadWhistleLoop } from "@dutylist/store";
import formatDisposition from "content-disposition";
import type { Plugin } from "graphql-yoga";
import { strictObject, z } from "zod";
import { actorOf } from "./authentication.ts";
import { type ApiCaches, type Context, createContext, type LoadedAssessment } from "./context.ts";
import { DomainErrors } from "./domain-errors.ts";
import { code, errorResponse, type ParameterError, readQuery, year } from "./download-query.ts";
import type { Clock } from "./knowledge-date.ts";
import { loadAssessment, loadPreviousPlan } from "./loaded-assessment.ts";

// GET /export/report.html?countyCode=QX&year=2025: the year's assessment report as one printable
// HTML page (@dutylist/report), checked against the access matrix as `export/report` like every
// download. The page holds no script and loads nothing, so the response forbids both (CSP).

/** Where the report is served. */
export const REPORT_PATH = "/export/report.html";

/** A whole number of indicators of the previous plan, for S10 when no previous plan is stored. */
function indicatorCount(label: string) {
  return z
    .string()
    .regex(/^\d{1,6}$/, { error: (issue) => `${label}应为不小于0的整数;收到“${String(issue.input)}”` })
    .transform(Number)
    .meta({ label });
}

const REPORT_PARAMS = strictObject({
  countyCode: code("县(市、区)编码"),
  year: year(),
  previousFirstLevel: indicatorCount("上一方案一级指标数").optional(),
  previousSecondLevel: indicatorCount("上一方案二级指标数").optional(),
});

type ReportQuery = z.output<typeof REPORT_PARAMS>;

/** The report page and its file names, or why there is none (400 bad parameters, 404 not found). */
export type ReportAnswer =
  | { readonly ok: true; readonly html: string; readonly chinese: string; readonly ascii: string }
  | { readonly ok: false; readonly status: 400 | 404; readonly errors: readonly ParameterError[] };

const notFound = (parameter: string, message: string): ReportAnswer => ({
  ok: false,
  status: 404,
  errors: [{ parameter, message }],
});

/**
 * S10: against the counts the request gives (both levels), else the stored plan of the year
 * before, else none — as the GraphQL field `indicatorCompression` decides.
 */
async function compressionOf(
  ctx: Context,
  plan: AssessmentPlan,
  q: ReportQuery,
): Promise<ReportCompression | ParameterError | null> {
  const first = q.previousFirstLevel;
  const second = q.previousSecondLevel;
  if ((first === undefined) !== (second === undefined))
    return {
      parameter: first === undefined ? "previousFirstLevel" : "previousSecondLevel",
      message: "上一方案的一级、二级指标数须同时给出(previousFirstLevel、previousSecondLevel)",
    };
  if (first !== undefined && second !== undefined)
    return reportCompression(plan, null, { firstLevel: first, secondLevel: second });
  return reportCompression(plan, await loadPreviousPlan(ctx, plan));
}

/** H2: the year's whistle figures (department, township, item), or null when none was raised. */
async function whistlesOf(ctx: Context, loaded: LoadedAssessment): Promise<WhistleFigures[] | null> {
  const from = isoDate(`${loaded.plan.year}-01-01`);
  const to = isoDate(`${loaded.plan.year + 1}-01-01`);
  const loop = await loadWhistleLoop(ctx.db, loaded.plan.countyCode, from, to);
  const judged = judgeWhistles(loop.whistles, loop.events, loaded.county.determinations.index, from, to);
  return judged.length === 0 ? null : allWhistleFigures(judged);
}

async function assessmentOf(ctx: Context, q: ReportQuery): Promise<LoadedAssessment | ReportAnswer> {
  if ((await ctx.county(q.countyCode)) === null)
    return notFound("countyCode", `县(市、区) ${q.countyCode} 不存在`);
  try {
    return await loadAssessment(ctx, q.countyCode, q.year);
  } catch (error) {
    // The county exists: what is missing is its plan of that year.
    if (error instanceof DomainErrors) return notFound("year", error.message);
    throw error;
  }
}

/**
 * The report of the county-year the query names, from the same loaders as the resolvers and the
 * assessment workbook: every excluded record listed (the records are read, as for the workbook).
 * @example await answerReport(ctx, new URLSearchParams("countyCode=QX&year=2025")) // { ok: true, html: "<!doctype html>…", chinese: "青溪县2025年度乡镇(街道)履职事项清单考核报告", ascii: "report-QX-2025" }
 */
export async function answerReport(ctx: Context, query: URLSearchParams): Promise<ReportAnswer> {
  const reading = readQuery(query, REPORT_PARAMS);
  if (!reading.ok) return { ok: false, status: 400, errors: reading.errors };
  const q = reading.values;
  const loaded = await assessmentOf(ctx, q);
  if ("ok" in loaded) return loaded;
  const compression = await compressionOf(ctx, loaded.plan, q);
  if (compression !== null && "message" in compression)
    return { ok: false, status: 400, errors: [compression] };
  const { dataset } = loaded.county;
  const html = renderAssessmentReportHtml({
    report: await loaded.detailed(),
    plan: loaded.plan,
    dataset,
    policy: loaded.policy,
    compression,
    whistles: await whistlesOf(ctx, loaded),
    note: `生成日期 ${ctx.today()};计入生成时已录入的全部记录`,
  });
  return {
    ok: true,
    html,
    chinese: reportTitle(dataset.county.name, q.year),
    ascii: `report-${q.countyCode}-${q.year}`.replace(/[^A-Za-z0-9._-]/g, "_"),
  };
}

/** Nothing but the page's own style: no script, no request anywhere, not framed. */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The answer to a request for the report: refused (401/403) by the access matrix before anything
 * is read, 400/404 naming the parameter, else the page (inline, with its Chinese file name).
 * @example await respondWithReport(db, request, Response, caches, actor)
 */
export async function respondWithReport(
  db: Database,
  request: Request,
  ResponseCtor: typeof Response,
  caches: ApiCaches,
  actor: Actor | null,
  clock?: Clock,
): Promise<Response> {
  if (request.method !== "GET")
    return errorResponse(ResponseCtor, 405, [{ parameter: null, message: "报告只接受 GET 请求" }], {
      allow: "GET",
    });
  const url = new URL(request.url);
  const decided = authorize(actor, "export/report", { countyCode: url.searchParams.get("countyCode") ?? "" });
  if (!decided.ok) {
    const [refusal] = decided.errors;
    return errorResponse(ResponseCtor, refusal._tag === "UNAUTHENTICATED" ? 401 : 403, [
      { parameter: null, message: refusal.message },
    ]);
  }
  const answer = await answerReport(createContext(db, caches, clock, actor), url.searchParams);
  if (!answer.ok) return errorResponse(ResponseCtor, answer.status, answer.errors);
  return new ResponseCtor(answer.html, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-disposition": formatDisposition(`${answer.chinese}.html`, {
        type: "inline",
        fallback: `${answer.ascii}.html`,
      }),
      "content-security-policy": REPORT_CSP,
      // Scores change as records arrive: never serve a stale copy.
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * A yoga plugin serving /export/report.html ahead of the other downloads (which answer only
 * sheets); unexpected failures are logged and answered 500 without details.
 * @example createYoga({ schema, plugins: [useAssessmentReport(db, caches), useDownloads(db, caches)] })
 */
export function useAssessmentReport(db: Database, caches: ApiCaches, clock?: Clock): Plugin {
  let log: (error: unknown) => void = () => {};
  return {
    onYogaInit({ yoga }) {
      log = (error) => yoga.logger.error(error);
    },
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== REPORT_PATH) return;
      try {
        endResponse(await respondWithReport(db, request, fetchAPI.Response, caches, actorOf(request), clock));
      } catch (error) {
        log(error);
        endResponse(
          errorResponse(fetchAPI.Response, 500, [
            { parameter: null, message: "报告生成失败:服务器内部错误" },
          ]),
        );
      }
    },
  };
}
