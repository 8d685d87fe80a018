import { type Actor, authorize, isOperationName } from "@dutylist/core";
import type { Database } from "@dutylist/store";
import { type OutputSheet, toCsv, workbookBuffer } from "@dutylist/workbook";
import formatDisposition from "content-disposition";
import type { Plugin } from "graphql-yoga";
import { actorOf } from "./authentication.ts";
import { type ApiCaches, createCaches, createContext } from "./context.ts";
import { errorResponse } from "./download-query.ts";
import { DOWNLOAD_ROUTES, type DownloadFormat, type DownloadName } from "./download-routes.ts";
import { REPORT_PATH } from "./report-route.ts";

// GET /export/<name>.csv|.xlsx in front of GraphQL: the lists, scores and determinations as files
// for organisation departments and BI tools (docs/api.md, "Downloads").

/**
 * Where the downloads live; everything else goes on to GraphQL.
 * @example `${EXPORT_PREFIX}lists.xlsx` // "/export/lists.xlsx"
 */
export const EXPORT_PREFIX = "/export/";

const CONTENT_TYPES: Readonly<Record<DownloadFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * An attachment header with the Chinese name (`filename*`, RFC 6266 / RFC 8187, by the
 * content-disposition package) and an ASCII fallback for old clients.
 * @example contentDisposition({ chinese: "青溪县责任认定", ascii: "determinations-QX" }, "csv") // `attachment; filename="determinations-QX.csv"; filename*=UTF-8''%E9%9D%92…`
 */
export function contentDisposition(name: DownloadName, format: DownloadFormat): string {
  // Characters no file system takes, and ASCII the fallback cannot carry, become `_`.
  const chinese = name.chinese.replace(/[\\/:*?"<>|\r\n]/g, "_");
  const ascii = name.ascii.replace(/[^A-Za-z0-9._-]/g, "_");
  return formatDisposition(`${chinese}.${format}`, { type: "attachment", fallback: `${ascii}.${format}` });
}

async function encode(
  format: DownloadFormat,
  sheets: readonly OutputSheet[],
): Promise<string | Uint8Array<ArrayBuffer>> {
  if (format === "xlsx") return new Uint8Array(await workbookBuffer(sheets));
  const [sheet, ...more] = sheets;
  // A CSV route answers with exactly one sheet; anything else is a bug in the route.
  if (sheet === undefined || more.length > 0)
    throw new Error(`a CSV download is one sheet, not ${sheets.length}`);
  return toCsv(sheet.header, sheet.rows, { bom: true });
}

type ResponseClass = typeof Response;

/**
 * The answer to one request under /export/.
 * @example await answerDownload(db, new Request("http://host/export/assessment.xlsx?countyCode=QX&year=2025"), Response)
 */
export async function answerDownload(
  db: Database,
  request: Request,
  ResponseCtor: ResponseClass,
  caches: ApiCaches = createCaches(db),
  actor: Actor | null = null,
): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(EXPORT_PREFIX.length);
  const route = DOWNLOAD_ROUTES.get(path);
  if (route === undefined) {
    return errorResponse(ResponseCtor, 404, [
      {
        parameter: null,
        message: `没有下载 ${url.pathname};可下载:${[...[...DOWNLOAD_ROUTES.keys()].map((p) => EXPORT_PREFIX + p), REPORT_PATH].join("、")}`,
      },
    ]);
  }
  if (request.method !== "GET") {
    return errorResponse(ResponseCtor, 405, [{ parameter: null, message: `下载只接受 GET 请求` }], {
      allow: "GET",
    });
  }
  // The matrix decides before anything is read: `export/lists` for lists.csv and lists.xlsx.
  const operation = `export/${path.replace(/\.(csv|xlsx)$/, "")}`;
  const townshipCode = url.searchParams.get("townshipCode");
  const decided = isOperationName(operation)
    ? authorize(actor, operation, {
        countyCode: url.searchParams.get("countyCode") ?? "",
        ...(townshipCode === null ? {} : { townshipCodes: [townshipCode] }),
      })
    : null;
  if (decided === null || !decided.ok) {
    const refusal = decided?.errors[0] ?? { _tag: "FORBIDDEN", message: `${operation} 不在权限表中` };
    return errorResponse(ResponseCtor, refusal._tag === "UNAUTHENTICATED" ? 401 : 403, [
      { parameter: null, message: refusal.message },
    ]);
  }
  const answer = await route.answer(createContext(db, caches, undefined, actor), url.searchParams);
  if (!answer.ok) return errorResponse(ResponseCtor, answer.status, answer.errors);
  return new ResponseCtor(await encode(route.format, answer.sheets), {
    status: 200,
    headers: {
      "content-type": CONTENT_TYPES[route.format],
      "content-disposition": contentDisposition(answer.name, route.format),
      // Scores change as records arrive: never serve a stale copy.
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * A yoga plugin serving the downloads under /export/ before yoga routes the request; GraphQL at
 * /graphql is untouched. Unexpected failures are logged and answered 500 without details, as
 * yoga masks errors.
 * @example createYoga({ schema, plugins: [useDownloads(db, createCaches(db))] })
 */
export function useDownloads(db: Database, caches: ApiCaches): Plugin {
  let log: (error: unknown) => void = () => {};
  return {
    onYogaInit({ yoga }) {
      log = (error) => yoga.logger.error(error);
    },
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith(EXPORT_PREFIX)) return;
      try {
        endResponse(await answerDownload(db, request, fetchAPI.Response, caches, actorOf(request)));
      } catch (error) {
        // onRequest errors are not caught by the server: answer here, or the process would die.
        log(error);
        endResponse(
          errorResponse(fetchAPI.Response, 500, [{ parameter: null, message: "导出失败:服务器内部错误" }]),
        );
      }
    },
  };
}
