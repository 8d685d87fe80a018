import { allWhistleFigures, isoDate, judgeWhistles, LIST_TYPE_NAMES } from "@dutylist/core";
import {
  countyRevision,
  fromDateColumn,
  listDeterminations,
  loadWhistleLoop,
  toDateColumn,
} from "@dutylist/store";
import {
  assessmentResultSheets,
  departmentScoreSheet,
  determinationSheet,
  LIST_SHEETS,
  listSheets,
  type OutputSheet,
  SHEETS,
  townshipScoreSheet,
  whistleSheet,
} from "@dutylist/workbook";
import { strictObject, type z } from "zod";
import type { Context, LoadedAssessment, LoadedCounty } from "./context.ts";
import {
  code,
  date,
  listType,
  type ParameterError,
  readQuery,
  role,
  whistleGrouping,
  year,
} from "./download-query.ts";
import { loadAssessment, loadScoreFacts } from "./loaded-assessment.ts";
import { DomainErrors } from "./schema/errors.ts";
import { whistleFactsOf } from "./schema/whistles.ts";

// What each download loads (with the loaders the resolvers use) and the sheets it answers with.

export type DownloadFormat = "csv" | "xlsx";

/** A file's name without its extension: in Chinese for people, in ASCII for old clients. */
export interface DownloadName {
  readonly chinese: string;
  readonly ascii: string;
}

/** The sheets of a download and its name, or why there is none (400 bad parameters, 404 not found). */
export type DownloadAnswer =
  | { readonly ok: true; readonly name: DownloadName; readonly sheets: readonly OutputSheet[] }
  | { readonly ok: false; readonly status: 400 | 404; readonly errors: readonly ParameterError[] };

/** One download: its format and how it answers a query string. */
export interface DownloadRoute {
  readonly format: DownloadFormat;
  answer(ctx: Context, query: URLSearchParams): Promise<DownloadAnswer>;
}

/** The values of a route's parameters, as zod reads them. */
type QueryValues<P extends z.ZodRawShape> = z.output<z.ZodObject<P, z.core.$strict>>;

function route<P extends z.ZodRawShape>(
  format: DownloadFormat,
  params: P,
  build: (ctx: Context, values: QueryValues<P>) => Promise<DownloadAnswer>,
): DownloadRoute {
  const schema = strictObject(params);
  return {
    format,
    async answer(ctx, query) {
      const reading = readQuery(query, schema);
      return reading.ok ? build(ctx, reading.values) : { ok: false, status: 400, errors: reading.errors };
    },
  };
}

function notFound(parameter: string, message: string): DownloadAnswer {
  return { ok: false, status: 404, errors: [{ parameter, message }] };
}

function named(chinese: string, ascii: readonly (string | number)[]): DownloadName {
  return { chinese, ascii: ascii.join("-") };
}

function sheetsOf(name: DownloadName, sheets: readonly OutputSheet[]): DownloadAnswer {
  return { ok: true, name, sheets };
}

async function countyOf(ctx: Context, countyCode: string): Promise<LoadedCounty | DownloadAnswer> {
  const county = await ctx.county(countyCode);
  return county ?? notFound("countyCode", `县(市、区) ${countyCode} 不存在`);
}

/** The county's year as the resolvers load it, or 404 naming the county or the year. */
async function assessmentOf(
  ctx: Context,
  countyCode: string,
  year: number,
): Promise<LoadedAssessment | DownloadAnswer> {
  const county = await countyOf(ctx, countyCode);
  if ("ok" in county) return county;
  try {
    return await loadAssessment(ctx, countyCode, year);
  } catch (error) {
    // The county exists: what is missing is its plan of that year.
    if (error instanceof DomainErrors) return notFound("year", error.message);
    throw error;
  }
}

function townshipLabel(county: LoadedCounty, townshipCode: string | undefined): string {
  if (townshipCode === undefined) return "";
  return county.dataset.townships.find((t) => t.code === townshipCode)?.name ?? townshipCode;
}

const COUNTY = code("县(市、区)编码");

const LIST_PARAMS = {
  countyCode: COUNTY,
  asOf: date("清单版本日期"),
  townshipCode: code("乡镇(街道)编码").optional(),
};

/** The lists as of a date (the import format, every sheet), optionally of one township. */
function listDownload(format: DownloadFormat): DownloadRoute {
  const build = async (
    ctx: Context,
    q: QueryValues<typeof LIST_PARAMS>,
    only: ((sheets: readonly OutputSheet[]) => OutputSheet[]) | null,
    what: string,
  ): Promise<DownloadAnswer> => {
    // The revision before the county: the export's 数据版本 is never newer than its data, so an
    // import of it after later changes is refused as stale (see docs/import-format.md).
    const revision = await countyRevision(ctx.db, q.countyCode);
    const county = await countyOf(ctx, q.countyCode);
    if ("ok" in county) return county;
    const { dataset } = county;
    if (q.townshipCode !== undefined && !dataset.townships.some((t) => t.code === q.townshipCode))
      return notFound("townshipCode", `乡镇(街道) ${q.townshipCode} 不属于${dataset.county.name}`);
    const sheets = listSheets(dataset, q.asOf, {
      revision,
      exportedAt: new Date().toISOString(),
      ...(q.townshipCode === undefined ? {} : { townshipCode: q.townshipCode }),
    });
    const name = `${dataset.county.name}${townshipLabel(county, q.townshipCode)}${what}_${q.asOf}`;
    return sheetsOf(
      named(name, ["lists", q.countyCode, ...(q.townshipCode === undefined ? [] : [q.townshipCode]), q.asOf]),
      only === null ? sheets : only(sheets),
    );
  };
  if (format === "xlsx") return route("xlsx", LIST_PARAMS, (ctx, q) => build(ctx, q, null, "履职事项清单"));
  return route("csv", { ...LIST_PARAMS, list: listType() }, (ctx, q) => {
    const sheetName = SHEETS[LIST_SHEETS[q.list]].name;
    return build(ctx, q, (sheets) => sheets.filter((s) => s.name === sheetName), LIST_TYPE_NAMES[q.list]);
  });
}

const INDICATOR_FILTERS = {
  indicatorCode: code("二级指标编码").optional(),
  firstLevelCode: code("一级指标编码").optional(),
};

const TOWNSHIP_SCORE_PARAMS = {
  countyCode: COUNTY,
  year: year(),
  townshipCode: code("乡镇(街道)编码").optional(),
  ...INDICATOR_FILTERS,
};

const DEPARTMENT_SCORE_PARAMS = {
  countyCode: COUNTY,
  year: year(),
  departmentCode: code("部门编码").optional(),
  ...INDICATOR_FILTERS,
};

/** 乡镇得分明细: the rows of `townshipScoreFacts`, narrowed by the same filters. */
function townshipScores(format: DownloadFormat): DownloadRoute {
  return route(format, TOWNSHIP_SCORE_PARAMS, async (ctx, q) => {
    const loaded = await assessmentOf(ctx, q.countyCode, q.year);
    if ("ok" in loaded) return loaded;
    const facts = await loadScoreFacts(ctx, q, "TOWNSHIP", {
      subjectCode: q.townshipCode,
      indicatorCode: q.indicatorCode,
      firstLevelCode: q.firstLevelCode,
    });
    const county = loaded.county.dataset.county.name;
    return sheetsOf(named(`${county}${q.year}年度乡镇得分明细`, ["township-scores", q.countyCode, q.year]), [
      townshipScoreSheet(facts, loaded.policy.rounding),
    ]);
  });
}

/** 部门得分明细: the rows of `departmentScoreFacts`, narrowed by the same filters. */
function departmentScores(format: DownloadFormat): DownloadRoute {
  return route(format, DEPARTMENT_SCORE_PARAMS, async (ctx, q) => {
    const loaded = await assessmentOf(ctx, q.countyCode, q.year);
    if ("ok" in loaded) return loaded;
    const facts = await loadScoreFacts(ctx, q, "DEPARTMENT", {
      subjectCode: q.departmentCode,
      indicatorCode: q.indicatorCode,
      firstLevelCode: q.firstLevelCode,
    });
    const county = loaded.county.dataset.county.name;
    return sheetsOf(
      named(`${county}${q.year}年度部门得分明细`, ["department-scores", q.countyCode, q.year]),
      [departmentScoreSheet(facts, loaded.policy.rounding)],
    );
  });
}

/** H2: the year's whistle figures by department, then township, then item. */
async function yearWhistles(ctx: Context, countyCode: string, year: number, county: LoadedCounty) {
  const from = isoDate(`${year}-01-01`);
  const to = isoDate(`${year + 1}-01-01`);
  const loop = await loadWhistleLoop(ctx.db, countyCode, from, to);
  return allWhistleFigures(judgeWhistles(loop.whistles, loop.events, county.determinations.index, from, to));
}

/** The year's rankings and breakdowns as one workbook. */
const assessmentWorkbook = route("xlsx", { countyCode: COUNTY, year: year() }, async (ctx, q) => {
  const loaded = await assessmentOf(ctx, q.countyCode, q.year);
  if ("ok" in loaded) return loaded;
  const { dataset } = loaded.county;
  return sheetsOf(
    named(`${dataset.county.name}${q.year}年度考核结果`, ["assessment", q.countyCode, q.year]),
    assessmentResultSheets(
      await loaded.detailed(),
      loaded.plan,
      dataset,
      loaded.policy,
      await yearWhistles(ctx, q.countyCode, q.year, loaded.county),
    ),
  );
});

const DETERMINATION_PARAMS = {
  countyCode: COUNTY,
  townshipCode: code("乡镇(街道)编码").optional(),
  role: role().optional(),
  partyCode: code("当事方编码").optional(),
};

/** 责任认定: the stored determinations, one row per party, narrowed like `determinationFacts`. */
function determinations(format: DownloadFormat): DownloadRoute {
  return route(format, DETERMINATION_PARAMS, async (ctx, q) => {
    const county = await countyOf(ctx, q.countyCode);
    if ("ok" in county) return county;
    const stored = await listDeterminations(
      ctx.db,
      q.countyCode,
      q.townshipCode === undefined ? {} : { townshipCode: q.townshipCode },
    );
    const { dataset } = county;
    const sheet = determinationSheet(stored, {
      townshipCode: q.townshipCode,
      role: q.role,
      partyCode: q.partyCode,
      townshipNames: new Map(dataset.townships.map((t) => [t.code, t.name])),
    });
    return sheetsOf(
      named(`${dataset.county.name}${townshipLabel(county, q.townshipCode)}责任认定`, [
        "determinations",
        q.countyCode,
      ]),
      [sheet],
    );
  });
}

const PERIOD = { countyCode: COUNTY, from: date("起始日期"), to: date("截止日期(不含)") };

/** 12345 工单: the stored orders received in `[from, to)`, the machine's dispatch and the latest correction (H1). */
function workOrders(format: DownloadFormat): DownloadRoute {
  return route(format, PERIOD, async (ctx, q) => {
    const county = await countyOf(ctx, q.countyCode);
    if ("ok" in county) return county;
    const rows = await ctx.db.prisma.workOrder.findMany({
      where: { countyId: q.countyCode, receivedOn: { gte: toDateColumn(q.from), lt: toDateColumn(q.to) } },
      orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
    });
    const corrections = await ctx.db.prisma.workOrderCorrection.findMany({
      where: { countyId: q.countyCode, workOrderId: { in: rows.map((r) => r.id) } },
      orderBy: { seq: "asc" },
    });
    const corrected = new Map(corrections.map((c) => [c.workOrderId, c]));
    const sheet: OutputSheet = {
      name: "12345工单",
      header: [
        "工单编号",
        "受理日期",
        "渠道",
        "乡镇(街道)",
        "诉求内容",
        "未派出",
        "事项编码",
        "清单类型",
        "承办方类型",
        "承办方编码",
        "更正后事项",
        "更正后承办方",
      ],
      // 受理日期 an Excel date in .xlsx; the columns after it text.
      formats: ["text", "date"],
      rows: rows.map((r) => {
        const c = corrected.get(r.id);
        return [
          r.id,
          fromDateColumn(r.receivedOn),
          r.channel,
          r.townshipCode ?? "",
          r.text,
          r.unassigned ? "是" : "否",
          r.itemCode ?? "",
          r.listType === null ? "" : LIST_TYPE_NAMES[r.listType as keyof typeof LIST_TYPE_NAMES],
          r.handlerKind,
          r.handlerCode,
          c?.itemCode ?? "",
          c?.handlerCode ?? "",
        ];
      }),
    };
    return sheetsOf(
      named(`${county.dataset.county.name}12345工单派单`, ["work-orders", q.countyCode, q.from]),
      [sheet],
    );
  });
}

/** 吹哨报到: the loop's figures per department, township or item over `[from, to)` (H2). */
function whistles(format: DownloadFormat): DownloadRoute {
  return route(format, { ...PERIOD, groupBy: whistleGrouping() }, async (ctx, q) => {
    const county = await countyOf(ctx, q.countyCode);
    if ("ok" in county) return county;
    const figures = await whistleFactsOf(ctx, q.countyCode, q.from, q.to, q.groupBy);
    const sheet = whistleSheet(figures, county.dataset);
    return sheetsOf(named(`${county.dataset.county.name}吹哨报到情况`, ["whistles", q.countyCode, q.from]), [
      sheet,
    ]);
  });
}

/**
 * Every download by its path under /export/.
 * @example DOWNLOAD_ROUTES.get("assessment.xlsx")?.format // "xlsx"
 */
export const DOWNLOAD_ROUTES: ReadonlyMap<string, DownloadRoute> = new Map([
  ["lists.csv", listDownload("csv")],
  ["lists.xlsx", listDownload("xlsx")],
  ["township-scores.csv", townshipScores("csv")],
  ["township-scores.xlsx", townshipScores("xlsx")],
  ["department-scores.csv", departmentScores("csv")],
  ["department-scores.xlsx", departmentScores("xlsx")],
  ["assessment.xlsx", assessmentWorkbook],
  ["determinations.csv", determinations("csv")],
  ["determinations.xlsx", determinations("xlsx")],
  ["work-orders.csv", workOrders("csv")],
  ["work-orders.xlsx", workOrders("xlsx")],
  ["whistles.csv", whistles("csv")],
  ["whistles.xlsx", whistles("xlsx")],
]);
